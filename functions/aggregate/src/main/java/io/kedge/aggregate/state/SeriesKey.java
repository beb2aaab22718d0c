package io.kedge.aggregate.state;

import io.kedge.aggregate.window.Metric;

/** One metric of one device: the unit of windowing and of the stored state. */
public record SeriesKey(String device, Metric metric) {
}
