package io.kedge.aggregate.window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The window arithmetic, without storage or clock: what a reading or a tick does to a device's
 * windows.
 *
 * <p>Time is event time. Per device, the watermark is the latest sample time it reported; the
 * ticks' watermark is the latest tick's time, shared by all devices. A window closes as soon as
 * either watermark reaches its end plus the grace: so a reading after that point closes the
 * device's earlier windows (of every metric, since the device's clock has moved past them), and
 * a tick closes the windows of devices that fell silent. A reading is late, counted and dropped,
 * when its window has closed or would have closed already (its end plus grace is at or before
 * the watermark); within the grace it still counts. Windows without readings yield nothing.
 */
public final class Aggregator {

    private final WindowSpec spec;

    public Aggregator(WindowSpec spec) {
        this.spec = spec;
    }

    public WindowSpec spec() {
        return spec;
    }

    /**
     * A reading of the device: each value goes into its window unless late, then every window of
     * the device that is due closes.
     *
     * @param values         the reading's values per metric (finite)
     * @param tickWatermark  the latest tick's time, or {@code null}
     */
    public Step reading(DeviceWindows before, Instant time, String location, Map<Metric, Double> values, Instant tickWatermark) {
        Instant watermark = later(before.watermark(), tickWatermark);
        Instant start = spec.startOf(time);
        Map<Metric, Series> series = new EnumMap<>(Metric.class);
        series.putAll(before.series());
        List<Step.Accepted> accepted = new ArrayList<>();
        List<Metric> late = new ArrayList<>();
        values.forEach((metric, value) -> {
            Series current = series.getOrDefault(metric, Series.EMPTY);
            if (current.closed(spec.endOf(start)) || spec.isDue(start, watermark)) {
                late.add(metric);
                return;
            }
            Sample sample = new Sample(time, value, location);
            series.put(metric, current.with(start, sample));
            accepted.add(new Step.Accepted(metric, sample));
        });
        Instant deviceWatermark = accepted.isEmpty() ? before.watermark() : later(before.watermark(), time);
        return close(new DeviceWindows(deviceWatermark, series), later(deviceWatermark, tickWatermark), accepted, late);
    }

    /** A tick: every window of the device whose end plus grace is at or before {@code tickWatermark} closes. */
    public Step tick(DeviceWindows before, Instant tickWatermark) {
        return close(before, later(before.watermark(), tickWatermark), List.of(), List.of());
    }

    private Step close(DeviceWindows state, Instant watermark, List<Step.Accepted> accepted, List<Metric> late) {
        Map<Metric, Series> series = new EnumMap<>(Metric.class);
        List<Step.Closed> closed = new ArrayList<>();
        state.series().forEach((metric, current) -> {
            TreeMap<Instant, Window> open = new TreeMap<>(current.open());
            Instant closedThrough = current.closedThrough();
            while (!open.isEmpty() && spec.isDue(open.firstKey(), watermark)) {
                Window window = open.pollFirstEntry().getValue();
                closed.add(new Step.Closed(metric, window));
                closedThrough = later(closedThrough, spec.endOf(window.start()));
            }
            series.put(metric, new Series(closedThrough, open));
        });
        return new Step(new DeviceWindows(state.watermark(), series), accepted, late, closed);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
