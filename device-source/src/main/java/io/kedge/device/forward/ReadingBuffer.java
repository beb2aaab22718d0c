package io.kedge.device.forward;

import io.kedge.contract.data.Reading;
import java.util.Optional;

/**
 * Readings waiting for delivery, oldest first. Safe for one producer and one consumer thread.
 * Bounded: when full, adding evicts the oldest reading, because on a sensor the newest data is
 * worth more than the oldest.
 */
public interface ReadingBuffer {

    /** Appends {@code reading}; returns the reading evicted to make room, if any. */
    Optional<Reading> add(Reading reading);

    /** The oldest reading, left in place. */
    Optional<Reading> peek();

    /**
     * Removes the oldest reading if it still is {@code expected} (it may have been evicted while
     * it was being sent); returns whether it was removed.
     */
    boolean removeHead(Reading expected);

    int size();

    int capacity();
}
