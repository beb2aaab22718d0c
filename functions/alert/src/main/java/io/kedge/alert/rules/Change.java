package io.kedge.alert.rules;

/** What one step of a rule announces. */
public enum Change {
    NONE,
    /** An incident started. */
    FIRED,
    /** An open incident is announced again after the rule's repeat interval. */
    REPEATED,
    /** The open incident ended. */
    RESOLVED
}
