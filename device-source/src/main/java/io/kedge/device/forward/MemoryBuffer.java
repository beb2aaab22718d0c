package io.kedge.device.forward;

import io.kedge.contract.data.Reading;
import java.util.ArrayDeque;
import java.util.Optional;

/** A {@link ReadingBuffer} in memory: lost when the process stops. */
public final class MemoryBuffer implements ReadingBuffer {

    private final ArrayDeque<Reading> readings = new ArrayDeque<>();
    private final int capacity;

    public MemoryBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("buffer capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized Optional<Reading> add(Reading reading) {
        Reading evicted = readings.size() >= capacity ? readings.pollFirst() : null;
        readings.addLast(reading);
        return Optional.ofNullable(evicted);
    }

    @Override
    public synchronized Optional<Reading> peek() {
        return Optional.ofNullable(readings.peekFirst());
    }

    @Override
    public synchronized boolean removeHead(Reading expected) {
        // Identity, not equals: two samples can be equal records and only the one sent may go.
        if (readings.peekFirst() != expected) {
            return false;
        }
        readings.pollFirst();
        return true;
    }

    @Override
    public synchronized int size() {
        return readings.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }
}
