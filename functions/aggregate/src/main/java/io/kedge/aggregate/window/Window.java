package io.kedge.aggregate.window;

import java.time.Instant;
import java.util.NavigableMap;
import org.pcollections.TreePMap;

/**
 * The samples of one open window, by sample time. A second sample with the same time replaces
 * the first, as InfluxDB does with the same point: a redelivered or replayed reading counts once.
 * Immutable.
 *
 * <p>A persistent map, so that a reading adds its sample in O(log n) and shares the rest with the
 * window before it: copying a sorted map per reading made a window's cost grow with the square of
 * its samples (a device at 50 readings/s fills a 1-minute window with 3,000).
 */
public record Window(Instant start, NavigableMap<Instant, Sample> samples) {

    public Window {
        samples = samples instanceof TreePMap<Instant, Sample> persistent ? persistent : TreePMap.from(samples);
    }

    public static Window empty(Instant start) {
        return new Window(start, TreePMap.empty());
    }

    public Window with(Sample sample) {
        return new Window(start, ((TreePMap<Instant, Sample>) samples).plus(sample.time(), sample));
    }

    public int count() {
        return samples.size();
    }
}
