package io.kedge.aggregate.window;

import java.time.Instant;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One metric of one device: its open windows by start, and the end of the last window closed.
 * Windows close in the order of their starts, so everything before {@code closedThrough} is
 * closed, and a reading for it is late. Immutable.
 *
 * @param closedThrough end of the latest closed window, or {@code null} when none closed yet
 */
public record Series(Instant closedThrough, NavigableMap<Instant, Window> open) {

    public static final Series EMPTY = new Series(null, new TreeMap<>());

    public Series {
        open = Collections.unmodifiableNavigableMap(new TreeMap<>(open));
    }

    /** Whether the window ending at {@code end} was closed already. */
    boolean closed(Instant end) {
        return closedThrough != null && !end.isAfter(closedThrough);
    }

    Series with(Instant start, Sample sample) {
        TreeMap<Instant, Window> windows = new TreeMap<>(open);
        windows.put(start, windows.getOrDefault(start, Window.empty(start)).with(sample));
        return new Series(closedThrough, windows);
    }
}
