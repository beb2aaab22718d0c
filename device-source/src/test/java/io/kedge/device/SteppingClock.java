package io.kedge.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves on by {@code step} every time it is read, so a test can walk through a day in milliseconds. */
public final class SteppingClock extends Clock {

    private final Instant start;
    private final Duration step;
    private long reads;

    public SteppingClock(Instant start, Duration step) {
        this.start = start;
        this.step = step;
    }

    @Override
    public synchronized Instant instant() {
        return start.plus(step.multipliedBy(reads++));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests read the curve in UTC");
    }
}
