package io.kedge.alert.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent values of one metric of one device, kept as a few time slices with the smallest and
 * largest value of each, so that its stored form stays small however often the device reports.
 * Slices are aligned to the epoch, {@code window / slices} wide; a slice is kept while any part
 * of it lies within the window, so the look-back is the window plus at most one slice.
 */
public final class RateWindow {

    private static final RateWindow EMPTY = new RateWindow(List.of());

    private record Slice(long start, double min, double max) {
    }

    private final List<Slice> slices;

    private RateWindow(List<Slice> slices) {
        this.slices = slices;
    }

    /**
     * The window in {@code encoded} ({@link #encode()}); an empty window for an empty text, and
     * for one this version cannot read, since the rule then only looks back less far for a while.
     */
    public static RateWindow decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return EMPTY;
        }
        List<Slice> slices = new ArrayList<>();
        try {
            for (String part : encoded.split(";")) {
                String[] fields = part.split(":");
                if (fields.length != 3) {
                    return EMPTY;
                }
                slices.add(new Slice(Long.parseLong(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])));
            }
        } catch (NumberFormatException e) {
            return EMPTY;
        }
        return new RateWindow(List.copyOf(slices));
    }

    /** {@code start:min:max} per slice, separated by {@code ;}, oldest first. */
    public String encode() {
        StringBuilder text = new StringBuilder();
        for (Slice slice : slices) {
            if (!text.isEmpty()) {
                text.append(';');
            }
            text.append(slice.start()).append(':').append(slice.min()).append(':').append(slice.max());
        }
        return text.toString();
    }

    /** This window slid to {@code time} (slices wholly older than {@code window} dropped), with {@code value} added. */
    public RateWindow add(Instant time, double value, Duration window, int sliceCount) {
        long width = Math.max(1, window.toMillis() / sliceCount);
        long at = time.toEpochMilli();
        long start = Math.floorDiv(at, width) * width;
        long oldest = at - window.toMillis();
        List<Slice> kept = new ArrayList<>(slices.size() + 1);
        boolean added = false;
        for (Slice slice : slices) {
            if (slice.start() + width <= oldest) {
                continue;
            }
            if (slice.start() == start) {
                kept.add(new Slice(start, Math.min(slice.min(), value), Math.max(slice.max(), value)));
                added = true;
            } else {
                kept.add(slice);
            }
        }
        if (!added) {
            kept.add(new Slice(start, value, value));
            kept.sort((a, b) -> Long.compare(a.start(), b.start()));
        }
        return new RateWindow(List.copyOf(kept));
    }

    public double min() {
        return slices.stream().mapToDouble(Slice::min).min().orElse(Double.NaN);
    }

    public double max() {
        return slices.stream().mapToDouble(Slice::max).max().orElse(Double.NaN);
    }

    public int slices() {
        return slices.size();
    }
}
