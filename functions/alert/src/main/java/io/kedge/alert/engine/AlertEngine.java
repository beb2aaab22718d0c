package io.kedge.alert.engine;

import io.kedge.alert.rules.Causes;
import io.kedge.alert.rules.Change;
import io.kedge.alert.rules.NoDataRule;
import io.kedge.alert.rules.RateOfChangeRule;
import io.kedge.alert.rules.Rule;
import io.kedge.alert.rules.RuleSet;
import io.kedge.alert.rules.Sample;
import io.kedge.alert.rules.SeriesState;
import io.kedge.alert.rules.Step;
import io.kedge.alert.rules.ThresholdRule;
import io.kedge.alert.state.DeviceSeen;
import io.kedge.alert.state.SeriesKey;
import io.kedge.alert.state.Snapshot;
import io.kedge.alert.state.StateStore;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.functions.support.DeviceIds;
import io.kedge.functions.support.UnusableReadingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the rules over readings and ticks, and keeps their state in a {@link StateStore}.
 *
 * <p>Per event: evaluate every rule of the device against the state in memory, store what
 * changed (synchronously), only then take it into memory and return the announcements. A failed
 * store leaves memory as it was, so the retried event is evaluated afresh. The memory is a copy
 * of the store, read once when the instance starts ({@link #load()}); one instance writes
 * (the Knative Service has max-scale 1).
 *
 * <p>Events of one device are evaluated one at a time. A reading older than the device's last
 * one is not evaluated (the broker may deliver out of order); if it is the very reading that
 * caused the last announcement of a series (a redelivery after a lost answer), that
 * announcement is returned again, with the same id.
 */
public final class AlertEngine {

    private final RuleSet rules;
    private final StateStore store;
    private final Clock clock;
    private final Map<String, DeviceSeen> devices = new ConcurrentHashMap<>();
    private final Map<SeriesKey, SeriesState> series = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public AlertEngine(RuleSet rules, StateStore store, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Reads the stored state, once; later calls return at once.
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
            Snapshot snapshot = store.load();
            devices.putAll(snapshot.devices());
            series.putAll(snapshot.series());
            loaded = true;
            return snapshot;
        }
    }

    public boolean isLoaded() {
        return loaded;
    }

    /**
     * Evaluates one validated reading.
     *
     * @param eventId the reading event's id
     * @return the announcements, most important first; empty when nothing changed
     * @throws UnusableReadingException for a reading without usable device or time
     * @throws io.kedge.functions.support.StateUnavailableException when the state cannot be stored (nothing changed)
     */
    public List<Announcement> onReading(String eventId, ValidatedReading reading) {
        String device = DeviceIds.check(reading.deviceId());
        Instant time = sampleTime(reading);
        String location = reading.location() == null ? "" : reading.location();
        String cause = Causes.of(eventId);
        load();
        synchronized (lock(device)) {
            DeviceSeen previous = devices.get(device);
            List<Rule> deviceRules = rules.rulesFor(device, location);
            if (previous != null && (time.isBefore(previous.at())
                    || (time.equals(previous.at()) && cause.equals(previous.cause())))) {
                return announcedAgain(device, location, deviceRules, cause);
            }
            Map<SeriesKey, SeriesState> changed = new LinkedHashMap<>();
            List<Announcement> announcements = new ArrayList<>();
            for (Rule rule : deviceRules) {
                SeriesKey key = new SeriesKey(rule.name(), device);
                SeriesState before = series.getOrDefault(key, SeriesState.INITIAL);
                Double value = rule.metric() == null ? null : rule.metric().of(reading);
                Step step;
                if (rule instanceof NoDataRule noData) {
                    step = noData.seen(before, time, previous == null ? null : previous.at());
                } else if (value == null || !Double.isFinite(value)) {
                    continue; // the sensor does not measure this metric
                } else if (rule instanceof ThresholdRule threshold) {
                    step = threshold.step(before, new Sample(time, value));
                } else {
                    step = ((RateOfChangeRule) rule).step(before, new Sample(time, value));
                }
                apply(rule, key, before, rule.withRepeat(step, time, value), cause, location, changed, announcements);
            }
            store.save(Map.of(device, new DeviceSeen(time, cause, location)), changed);
            devices.put(device, new DeviceSeen(time, cause, location));
            series.putAll(changed);
            return sorted(announcements);
        }
    }

    /**
     * A tick: no-data rules are checked against every known device's last reading, and open
     * incidents due for a repeat are announced again.
     *
     * @param tickTime the tick's own time, or {@code null}; a time ahead of the clock counts as now
     * @throws io.kedge.functions.support.StateUnavailableException when the state cannot be stored; what
     *         earlier devices announced is announced again when the same tick is delivered again
     */
    public List<Announcement> onTick(String eventId, Instant tickTime) {
        Instant clockNow = clock.instant();
        Instant now = tickTime == null || tickTime.isAfter(clockNow) ? clockNow : tickTime;
        String cause = Causes.of(eventId);
        load();
        List<Announcement> announcements = new ArrayList<>();
        for (String device : new TreeSet<>(devices.keySet())) {
            synchronized (lock(device)) {
                DeviceSeen seen = devices.get(device);
                Map<SeriesKey, SeriesState> changed = new LinkedHashMap<>();
                List<Announcement> found = new ArrayList<>();
                for (Rule rule : rules.rulesFor(device, seen.location())) {
                    SeriesKey key = new SeriesKey(rule.name(), device);
                    SeriesState before = series.getOrDefault(key, SeriesState.INITIAL);
                    Step step = rule instanceof NoDataRule noData
                            ? noData.check(before, seen.at(), now)
                            : new Step(before, Change.NONE);
                    step = rule.withRepeat(step, now, null);
                    if (step.change() == Change.NONE && cause.equals(before.cause())) {
                        again(rule, device, seen.location(), before).ifPresent(found::add);
                    }
                    apply(rule, key, before, step, cause, seen.location(), changed, found);
                }
                store.save(Map.of(), changed);
                series.putAll(changed);
                announcements.addAll(found);
            }
        }
        return sorted(announcements);
    }

    private static void apply(Rule rule, SeriesKey key, SeriesState before, Step step, String cause, String location,
                              Map<SeriesKey, SeriesState> changed, List<Announcement> announcements) {
        SeriesState after = step.state();
        if (step.change() != Change.NONE) {
            after = after.causedBy(cause);
            announcements.add(Announcements.of(rule, key.device(), location, after, step.change()));
        }
        if (!after.equals(before)) {
            changed.put(key, after);
        }
    }

    /** What {@code cause} announced last for the device's series, announced again. */
    private List<Announcement> announcedAgain(String device, String location, List<Rule> deviceRules, String cause) {
        List<Announcement> again = new ArrayList<>();
        for (Rule rule : deviceRules) {
            SeriesState state = series.get(new SeriesKey(rule.name(), device));
            if (state != null && cause.equals(state.cause())) {
                again(rule, device, location, state).ifPresent(again::add);
            }
        }
        return sorted(again);
    }

    private static java.util.Optional<Announcement> again(Rule rule, String device, String location, SeriesState state) {
        if (state.firing()) {
            Change change = state.repeated() ? Change.REPEATED : Change.FIRED;
            return java.util.Optional.of(Announcements.of(rule, device, location, state, change));
        }
        if (state.endsAt() != null) {
            return java.util.Optional.of(Announcements.of(rule, device, location, state, Change.RESOLVED));
        }
        return java.util.Optional.empty();
    }

    private Object lock(String device) {
        return locks.computeIfAbsent(device, d -> new Object());
    }

    private static Instant sampleTime(ValidatedReading reading) {
        if (reading.time() == null) {
            throw new UnusableReadingException("reading of device " + reading.deviceId() + " has no sample time");
        }
        Instant time = AlertTimes.parse(reading.time());
        if (time == null) {
            throw new UnusableReadingException("sample time \"" + reading.time() + "\" of device " + reading.deviceId()
                    + " is not an RFC 3339 time with a zone offset and a year of four digits");
        }
        return time;
    }

    private static List<Announcement> sorted(List<Announcement> announcements) {
        announcements.sort(Announcement.MOST_IMPORTANT_FIRST);
        return announcements;
    }

    /** Devices known, for readiness and logs. */
    public int deviceCount() {
        return devices.size();
    }
}
