package io.kedge.fuzz.oracle;

/**
 * A broken promise, found for one input or for the run as a whole.
 *
 * @param kind   which promise
 * @param detail what was seen, quoting the values
 */
public record Finding(Kind kind, String detail) {

    /** The promises the fuzzer holds every target to. */
    public enum Kind {
        /** A 5xx answer. */
        SERVER_ERROR(false),
        /** The connection closed or reset without a response. */
        NO_ANSWER(true),
        /** No response within the client's timeout. */
        TIMEOUT(true),
        /** The process died or stopped being ready. */
        DIED(true),
        /** A status other than 2xx/4xx (1xx as final, 3xx). */
        ODD_STATUS(false),
        /** A 4xx without a JSON or text message. */
        NO_MESSAGE(false),
        /** Stack trace text or an exception class name in an answer. */
        STACK_TRACE(false),
        /** A 2xx reply that breaks its own contract (not a valid CloudEvent, out-of-range data). */
        BAD_REPLY(false),
        /** Accepted although the input is invalid by the contract. */
        ACCEPTED_INVALID(false),
        /** Refused although the input is valid and nothing documented explains it. */
        REFUSED_VALID(false),
        /** What validate accepts the next function refuses, or stores differently. */
        NOT_STORABLE(false),
        /** Stored data that no accepted input carried, or carried differently. */
        STORED_INVALID(false),
        /** Acknowledged (2xx) but not stored, or not delivered. */
        LOST(false);

        private final boolean crash;

        Kind(boolean crash) {
            this.crash = crash;
        }

        /** Whether this kind counts as a crash in the results table (the process or connection failed). */
        public boolean crash() {
            return crash;
        }
    }

    public static Finding of(Kind kind, String format, Object... args) {
        return new Finding(kind, args.length == 0 ? format : String.format(java.util.Locale.ROOT, format, args));
    }
}
