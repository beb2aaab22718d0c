package io.kedge.aggregate.engine;

import io.kedge.contract.data.Summary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summaries each recent event closed, by the event's cause, so that the event delivered again
 * (its answer was lost: the function was killed after storing, or the broker timed out) is
 * answered with the same summaries. Kept for a horizon after closing; the broker's retries of
 * one event end well within it.
 */
final class Redeliveries {

    private record Entry(Map<String, Summary> byId, Instant closedAt) {
    }

    private final Duration horizon;
    private final Map<String, Entry> byCause = new HashMap<>();

    Redeliveries(Duration horizon) {
        this.horizon = horizon;
    }

    synchronized void record(String cause, List<Summary> summaries, Instant closedAt) {
        if (summaries.isEmpty()) {
            return;
        }
        Entry entry = byCause.computeIfAbsent(cause, c -> new Entry(new LinkedHashMap<>(), closedAt));
        summaries.forEach(s -> entry.byId().put(SummaryIds.of(s), s));
        byCause.put(cause, new Entry(entry.byId(), closedAt.isAfter(entry.closedAt()) ? closedAt : entry.closedAt()));
    }

    synchronized List<Summary> of(String cause) {
        Entry entry = byCause.get(cause);
        return entry == null ? List.of() : new ArrayList<>(entry.byId().values());
    }

    /** Forgets what closed before {@code now} minus the horizon. */
    synchronized void forget(Instant now) {
        Instant before = now.minus(horizon);
        byCause.values().removeIf(entry -> entry.closedAt().isBefore(before));
    }

    synchronized int size() {
        return byCause.size();
    }
}
