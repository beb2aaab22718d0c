package io.kedge.alert.rules;

import java.time.Instant;

/** One value of one metric of one device, at its sample time. */
public record Sample(Instant time, double value) {
}
