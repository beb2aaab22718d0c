package io.kedge.aggregate.state;

import io.kedge.aggregate.window.Sample;

/** A sample taken into an open window, as stored. */
public record StoredSample(SeriesKey key, Sample sample) {
}
