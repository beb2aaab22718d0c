package io.kedge.alert.state;

import io.kedge.alert.rules.SeriesState;
import io.kedge.functions.support.StateUnavailableException;
import java.util.Map;

/**
 * Where the alert state lives between events, outside the process, so that an instance stopped
 * at any point (scale to zero, a crash) is followed by one that carries on exactly.
 */
public interface StateStore {

    /**
     * Everything stored.
     *
     * @throws StateUnavailableException when the store cannot be read now
     */
    Snapshot load();

    /**
     * Stores the given entries, replacing earlier ones with the same key, and returns only once
     * they are stored.
     *
     * @throws StateUnavailableException when they may not be stored
     */
    void save(Map<String, DeviceSeen> devices, Map<SeriesKey, SeriesState> series);
}
