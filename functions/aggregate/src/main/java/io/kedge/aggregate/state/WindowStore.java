package io.kedge.aggregate.state;

import io.kedge.aggregate.window.WindowSpec;
import io.kedge.functions.support.StateUnavailableException;
import java.time.Instant;

/**
 * Where the windows live between events, outside the process, so that an instance stopped at any
 * point (scale to zero, a crash) is followed by one that carries on exactly.
 */
public interface WindowStore {

    /**
     * Everything a new instance needs.
     *
     * @param spec        the windows, to skip samples of windows that closed long ago
     * @param closedSince summaries closed at or after this are returned as recent
     * @throws StateUnavailableException when the store cannot be read now
     */
    Snapshot load(WindowSpec spec, Instant closedSince);

    /**
     * Stores everything, replacing what has the same key (a sample of the same series and time,
     * a summary of the same window), and returns only once it is stored.
     *
     * @throws StateUnavailableException when it may not be stored
     */
    void save(Changes changes);
}
