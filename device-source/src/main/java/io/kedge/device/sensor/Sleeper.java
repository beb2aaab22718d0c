package io.kedge.device.sensor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits; a seam so that tests of readers that must wait 2 s between attempts do not. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    void sleep(Duration duration) throws InterruptedException;
}
