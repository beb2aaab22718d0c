package io.kedge.aggregate.window;

import java.time.Instant;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The samples of one open window, by sample time. A second sample with the same time replaces
 * the first, as InfluxDB does with the same point: a redelivered or replayed reading counts once.
 * Immutable.
 */
public record Window(Instant start, NavigableMap<Instant, Sample> samples) {

    public Window {
        samples = Collections.unmodifiableNavigableMap(new TreeMap<>(samples));
    }

    public static Window empty(Instant start) {
        return new Window(start, new TreeMap<>());
    }

    public Window with(Sample sample) {
        TreeMap<Instant, Sample> more = new TreeMap<>(samples);
        more.put(sample.time(), sample);
        return new Window(start, more);
    }

    public int count() {
        return samples.size();
    }
}
