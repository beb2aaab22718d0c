package io.kedge.alert.rules;

/** Where a rule stands for one device. */
public enum Status {
    /** Not firing; any earlier incident has been resolved. */
    OK,
    /** The condition holds, but not yet long enough (or for enough readings) to fire. */
    PENDING,
    /** An incident is open: {@code fired} was announced, {@code resolved} is still to come. */
    FIRING
}
