package io.kedge.aggregate.window;

import java.time.Instant;

/**
 * One value of one metric.
 *
 * @param time     the reading's sample time
 * @param location where the device reported it stands, or {@code null}
 */
public record Sample(Instant time, double value, String location) {
}
