package io.kedge.alert.out;

import io.kedge.functions.support.FunctionFailure;

/**
 * An alert event did not reach the sink (the broker down, refusing, or not configured). The
 * state that announced it is stored, so the same input delivered again announces it again with
 * the same id: 503, retry.
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
        return "alert sink unavailable";
    }
}
