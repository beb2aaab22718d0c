package io.kedge.device;

import io.kedge.device.sensor.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that stands still until something sleeps on it: a reader that must wait 2 s between
 * attempts runs instantly in a test, and the test still sees when each attempt happened. An
 * optional hook runs during each sleep, for a test that changes the world meanwhile.
 */
public final class ManualTime extends Clock implements Sleeper {

    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();
    private Runnable duringSleep = () -> {
    };

    public ManualTime(Instant start) {
        this.now = start;
    }

    /** Runs {@code hook} during every later sleep. */
    public synchronized ManualTime duringSleep(Runnable hook) {
        this.duringSleep = hook;
        return this;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
        duringSleep.run();
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests run in UTC");
    }
}
