package io.kedge.aggregate.window;

import io.kedge.contract.data.Summary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recorded sequences for window tests, written compactly and run through the {@link Aggregator} as
 * the engine drives it (device windows per device, one ticks' watermark).
 *
 * <p>Events are separated by {@code |}: {@code 0:35 22.0} is a reading of {@code pi-1} at 0 min 35 s
 * after {@link #START}, {@code pi-2 0:35 22.0/45/1013.2} one of another device with temperature,
 * humidity and pressure ({@code -} for a value the sensor does not measure), {@code tick 1:10} a
 * tick. What an event yields is written back as {@code <event> -> <device> <metric> <window start>
 * n=.. min=.. max=.. mean=.. last=<value>@<time>} per closed window, and {@code <event> -> late
 * <device> <metric>} per dropped value.
 */
final class Recorded {

    /** On the hour, so that windows up to an hour long start here. */
    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    private final Aggregator aggregator;
    private final Map<String, DeviceWindows> devices = new LinkedHashMap<>();
    private Instant tickWatermark;

    Recorded(WindowSpec spec) {
        this.aggregator = new Aggregator(spec);
    }

    static List<String> run(WindowSpec spec, String events) {
        Recorded recorded = new Recorded(spec);
        List<String> out = new ArrayList<>();
        for (String event : events.split("\\|")) {
            out.addAll(recorded.take(event.trim()));
        }
        return out;
    }

    List<String> take(String event) {
        String[] words = event.split("\\s+");
        List<String> out = new ArrayList<>();
        if (words[0].equals("tick")) {
            Instant at = at(words[1]);
            tickWatermark = tickWatermark == null || at.isAfter(tickWatermark) ? at : tickWatermark;
            for (Map.Entry<String, DeviceWindows> device : devices.entrySet()) {
                Step step = aggregator.tick(device.getValue(), tickWatermark);
                device.setValue(step.after());
                describe(event, device.getKey(), step, out);
            }
            return out;
        }
        String device = words.length == 3 ? words[0] : "pi-1";
        Instant at = at(words[words.length - 2]);
        Step step = aggregator.reading(devices.getOrDefault(device, DeviceWindows.EMPTY), at, "kitchen",
                values(words[words.length - 1]), tickWatermark);
        devices.put(device, step.after());
        describe(event, device, step, out);
        return out;
    }

    private void describe(String event, String device, Step step, List<String> out) {
        for (Step.Closed closed : step.closed()) {
            Summary s = WindowSummaries.of(device, closed.metric(), aggregator.spec(), closed.window());
            out.add(event + " -> " + device + " " + s.metric() + " " + offset(Instant.parse(s.windowStart()))
                    + " n=" + s.count() + " min=" + s.min() + " max=" + s.max() + " mean=" + round(s.mean())
                    + " last=" + s.last() + "@" + offset(Instant.parse(s.lastTime())));
        }
        for (Metric metric : step.late()) {
            out.add(event + " -> late " + device + " " + metric.label());
        }
    }

    static Map<Metric, Double> values(String text) {
        String[] parts = text.split("/");
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].equals("-")) {
                values.put(Metric.values()[i], Double.parseDouble(parts[i]));
            }
        }
        return values;
    }

    /** {@code m:ss} after {@link #START}; minutes may exceed 59. */
    static Instant at(String offset) {
        String[] parts = offset.split(":");
        return START.plus(Duration.ofMinutes(Long.parseLong(parts[0])).plusSeconds(Long.parseLong(parts[1])));
    }

    static String offset(Instant instant) {
        long seconds = Duration.between(START, instant).toSeconds();
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
