package io.kedge.bench;

/**
 * One run against the store and what InfluxDB holds after it.
 *
 * @param result the store's answers
 * @param stored points InfluxDB gained during the run, counted once every answer was in
 */
record StoreRun(LoadResult result, long stored) {

    /** Readings the store answered 2xx in the run, lead-in included: each one a distinct point. */
    long acknowledged() {
        return result.acceptedInRun();
    }

    /** Never acknowledge what is not stored: every 2xx's point is in InfluxDB. */
    boolean nothingLost() {
        return stored >= acknowledged();
    }
}
