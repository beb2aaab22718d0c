package io.kedge.alert.rules;

/** The state after one reading or tick, and what it announces. */
public record Step(SeriesState state, Change change) {

    static Step unchanged(SeriesState state) {
        return new Step(state, Change.NONE);
    }
}
