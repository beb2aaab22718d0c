package io.kedge.aggregate.engine;

import io.kedge.aggregate.state.Changes;
import io.kedge.aggregate.state.SeriesKey;
import io.kedge.aggregate.state.Snapshot;
import io.kedge.aggregate.state.StoredSample;
import io.kedge.aggregate.state.StoredSummary;
import io.kedge.aggregate.state.WindowStore;
import io.kedge.aggregate.window.Aggregator;
import io.kedge.aggregate.window.DeviceWindows;
import io.kedge.aggregate.window.Metric;
import io.kedge.aggregate.window.Series;
import io.kedge.aggregate.window.Step;
import io.kedge.aggregate.window.Window;
import io.kedge.aggregate.window.WindowSpec;
import io.kedge.aggregate.window.WindowSummaries;
import io.kedge.contract.data.Summary;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.functions.support.DeviceIds;
import io.kedge.functions.support.UnusableReadingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the {@link Aggregator} over readings and ticks, and keeps the windows in a
 * {@link WindowStore}.
 *
 * <p>Per event: compute the device's next windows from those in memory, store what changed
 * (accepted samples, closed summaries; synchronously), only then take it into memory and return
 * the summaries. A failed store leaves memory as it was, so the retried event is taken afresh.
 * The memory is a copy of the store, read once when the instance starts ({@link #load()}); one
 * instance writes (the Knative Service has max-scale 1).
 *
 * <p>Events of one device are taken one at a time. Each closed summary remembers the event that
 * closed it ({@link Causes}); when that event is delivered again, its summaries are announced
 * again with the same ids.
 */
public final class AggregateEngine {

    /** How long after closing a summary is announced again for its event; retries end well before. */
    public static final Duration REDELIVERY_HORIZON = Duration.ofHours(1);

    private final Aggregator aggregator;
    private final WindowStore store;
    private final Clock clock;
    private final Map<String, DeviceWindows> devices = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Redeliveries redeliveries = new Redeliveries(REDELIVERY_HORIZON);
    private final Object tickLock = new Object();
    private volatile Instant tickWatermark;
    private volatile boolean loaded;

    public AggregateEngine(WindowSpec spec, WindowStore store, Clock clock) {
        this.aggregator = new Aggregator(spec);
        this.store = store;
        this.clock = clock;
    }

    public WindowSpec spec() {
        return aggregator.spec();
    }

    /**
     * Reads the stored windows, once; later calls return at once.
     *
     * @return what was read, or {@code null} when it was read before
     * @throws io.kedge.functions.support.StateUnavailableException when the store cannot be read (try again later)
     */
    public Snapshot load() {
        if (loaded) {
            return null;
        }
        synchronized (this) {
            if (loaded) {
                return null;
            }
            Instant now = clock.instant();
            Snapshot snapshot = store.load(spec(), now.minus(REDELIVERY_HORIZON));
            devices.putAll(restore(snapshot));
            snapshot.recent().forEach(s -> redeliveries.record(s.cause(), List.of(s.summary()), s.closedAt()));
            redeliveries.forget(now);
            tickWatermark = snapshot.tickWatermark();
            loaded = true;
            return snapshot;
        }
    }

    public boolean isLoaded() {
        return loaded;
    }

    /**
     * Takes one validated reading.
     *
     * @param eventId the reading event's id
     * @throws UnusableReadingException for a reading without usable device or sample time
     * @throws io.kedge.functions.support.StateUnavailableException when the windows cannot be stored (nothing changed)
     */
    public Outcome onReading(String eventId, ValidatedReading reading) {
        String device = DeviceIds.check(reading.deviceId());
        Instant time = sampleTime(reading);
        Map<Metric, Double> values = Metric.valuesOf(reading);
        String cause = Causes.of(eventId);
        load();
        synchronized (lock(device)) {
            Step step = aggregator.reading(devices.getOrDefault(device, DeviceWindows.EMPTY), time, reading.location(),
                    values, tickWatermark);
            List<Summary> closed = take(device, step, cause);
            return new Outcome(redeliveries.of(cause), closed.size(), step.late());
        }
    }

    /**
     * A tick closes every window whose end plus grace is at or before the tick's time.
     *
     * @param tickTime the tick's own time, or {@code null}; a time ahead of the clock counts as now
     * @throws io.kedge.functions.support.StateUnavailableException when the windows cannot be stored;
     *         what earlier devices closed is announced again when the same tick is delivered again
     */
    public Outcome onTick(String eventId, Instant tickTime) {
        Instant clockNow = clock.instant();
        Instant now = tickTime == null || tickTime.isAfter(clockNow) ? clockNow : tickTime;
        String cause = Causes.of(eventId);
        load();
        Instant before = tickWatermark;
        Instant watermark = before == null || now.isAfter(before) ? now : before;
        int closed = 0;
        for (String device : new TreeSet<>(devices.keySet())) {
            synchronized (lock(device)) {
                closed += take(device, aggregator.tick(devices.get(device), watermark), cause).size();
            }
        }
        if (before == null || now.isAfter(before)) {
            // Stored after what it closed: a stored tick means every window it closes is stored closed.
            synchronized (tickLock) {
                if (tickWatermark == null || now.isAfter(tickWatermark)) {
                    store.save(new Changes(List.of(), List.of(), new Changes.Tick(now, cause)));
                    tickWatermark = now;
                }
            }
        }
        redeliveries.forget(clockNow);
        return new Outcome(redeliveries.of(cause), closed, List.of());
    }

    /** Stores the step, then takes it into memory; returns the summaries it closed. */
    private List<Summary> take(String device, Step step, String cause) {
        if (!step.changed()) {
            return List.of();
        }
        Instant closedAt = clock.instant();
        List<Summary> closed = new ArrayList<>();
        List<StoredSummary> summaries = new ArrayList<>();
        for (Step.Closed window : step.closed()) {
            Summary summary = WindowSummaries.of(device, window.metric(), spec(), window.window());
            closed.add(summary);
            summaries.add(new StoredSummary(summary, cause, closedAt));
        }
        List<StoredSample> samples = step.accepted().stream()
                .map(a -> new StoredSample(new SeriesKey(device, a.metric()), a.sample()))
                .toList();
        store.save(new Changes(samples, summaries, null));
        devices.put(device, step.after());
        redeliveries.record(cause, closed, closedAt);
        return closed;
    }

    /** The devices' windows from what was stored. */
    private Map<String, DeviceWindows> restore(Snapshot snapshot) {
        Map<String, Instant> watermarks = new HashMap<>(); // values may be null
        snapshot.lastSampleTimes().forEach((key, time) -> watermarks.merge(key.device(), time, (a, b) -> a.isAfter(b) ? a : b));
        Map<String, Map<Metric, TreeMap<Instant, Window>>> open = new HashMap<>();
        for (StoredSample stored : snapshot.openSamples()) {
            SeriesKey key = stored.key();
            Instant closedThrough = snapshot.closedThrough().get(key);
            Instant start = spec().startOf(stored.sample().time());
            if (closedThrough != null && !spec().endOf(start).isAfter(closedThrough)) {
                continue;
            }
            open.computeIfAbsent(key.device(), d -> new EnumMap<>(Metric.class))
                    .computeIfAbsent(key.metric(), m -> new TreeMap<>())
                    .merge(start, Window.empty(start).with(stored.sample()), (a, b) -> a.with(stored.sample()));
        }
        Map<String, DeviceWindows> restored = new HashMap<>();
        // A series whose samples expired but whose last summary did not still knows what closed.
        snapshot.closedThrough().keySet().forEach(key -> watermarks.putIfAbsent(key.device(), null));
        watermarks.forEach((device, watermark) -> {
            Map<Metric, Series> series = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                SeriesKey key = new SeriesKey(device, metric);
                TreeMap<Instant, Window> windows = open.getOrDefault(device, Map.of()).getOrDefault(metric, new TreeMap<>());
                Instant closedThrough = snapshot.closedThrough().get(key);
                if (closedThrough != null || !windows.isEmpty()) {
                    series.put(metric, new Series(closedThrough, windows));
                }
            }
            restored.put(device, new DeviceWindows(watermark, series));
        });
        return restored;
    }

    private Object lock(String device) {
        return locks.computeIfAbsent(device, d -> new Object());
    }

    private static Instant sampleTime(ValidatedReading reading) {
        if (reading.time() == null) {
            throw new UnusableReadingException("reading of device " + reading.deviceId() + " has no sample time");
        }
        try {
            return OffsetDateTime.parse(reading.time()).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnusableReadingException("sample time \"" + reading.time() + "\" of device " + reading.deviceId()
                    + " is not RFC 3339 with a zone offset");
        }
    }

    /** Devices known, for readiness and logs. */
    public int deviceCount() {
        return devices.size();
    }

    /** Windows open across devices, for readiness and logs. */
    public int openWindows() {
        return devices.values().stream().mapToInt(DeviceWindows::openWindows).sum();
    }

    /** The ticks' watermark, or {@code null} before the first tick. */
    public Instant tickWatermark() {
        return tickWatermark;
    }
}
