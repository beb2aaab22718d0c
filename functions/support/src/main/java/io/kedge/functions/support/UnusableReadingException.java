package io.kedge.functions.support;

/**
 * A validated reading a stateful function cannot take (no device or sample time, a device id
 * that cannot name a series). Sending it again will not help: 422, so the broker dead-letters it
 * at once.
 */
public class UnusableReadingException extends FunctionFailure {

    public UnusableReadingException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String error() {
        return "unusable reading";
    }
}
