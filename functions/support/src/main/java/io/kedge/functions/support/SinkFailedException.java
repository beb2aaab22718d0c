package io.kedge.functions.support;

/**
 * An event did not reach the sink (the broker down, refusing, or not configured). What announced
 * it is stored before it is sent, so the same input delivered again announces it again with the
 * same id: 503, retry.
 */
public class SinkFailedException extends FunctionFailure {

    private final String what;

    /**
     * @param what names the events in the answer's {@code error}: {@code "alert"} gives
     *             {@code "alert sink unavailable"}
     */
    public SinkFailedException(String what, String message) {
        super(message);
        this.what = what;
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String error() {
        return what + " sink unavailable";
    }
}
