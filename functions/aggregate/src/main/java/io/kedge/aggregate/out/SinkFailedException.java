package io.kedge.aggregate.out;

import io.kedge.functions.support.FunctionFailure;

/**
 * A summary did not reach the sink (the broker down, refusing, or not configured). Its window is
 * stored closed, and the same event delivered again announces it again with the same id: 503,
 * retry.
 */
public class SinkFailedException extends FunctionFailure {

    public SinkFailedException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String error() {
        return "summary sink unavailable";
    }
}
