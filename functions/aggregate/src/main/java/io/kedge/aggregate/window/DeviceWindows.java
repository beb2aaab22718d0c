package io.kedge.aggregate.window;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything windowing keeps about one device. Immutable: each event yields a new one, which the
 * engine takes only once what changed is stored.
 *
 * @param watermark the latest sample time of the device's accepted readings, or {@code null}
 * @param series    per metric; a metric never measured is absent
 */
public record DeviceWindows(Instant watermark, Map<Metric, Series> series) {

    public static final DeviceWindows EMPTY = new DeviceWindows(null, Map.of());

    public DeviceWindows {
        EnumMap<Metric, Series> copy = new EnumMap<>(Metric.class);
        copy.putAll(series);
        series = Collections.unmodifiableMap(copy);
    }

    public Series series(Metric metric) {
        return series.getOrDefault(metric, Series.EMPTY);
    }

    /** Open windows across metrics, for logs and readiness. */
    public int openWindows() {
        return series.values().stream().mapToInt(s -> s.open().size()).sum();
    }
}
