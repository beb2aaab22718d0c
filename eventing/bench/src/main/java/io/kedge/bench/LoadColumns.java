package io.kedge.bench;

import static io.kedge.bench.Figures.mib;
import static io.kedge.bench.Figures.ms;
import static io.kedge.bench.Figures.percent;
import static io.kedge.bench.Figures.whole;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The columns every function benchmark's table shares: latency, memory and CPU, failures, notes. */
final class LoadColumns {

    static final List<String> LATENCY = List.of("p50 ms", "p99 ms", "max ms");
    static final List<String> FAILURES = List.of("non-2xx", "errors", "notes");

    /** {@code <name> RSS MB} and {@code <name> CPU %} per watched process, then {@code bench CPU %}. */
    static List<String> usageHeaders(List<String> processes) {
        List<String> headers = new ArrayList<>();
        processes.forEach(name -> {
            headers.add(name + " RSS MB");
            headers.add(name + " CPU %");
        });
        headers.add("bench CPU %");
        return headers;
    }

    static List<String> latency(LoadResult r) {
        return List.of(ms(r.p50Millis()), ms(r.p99Millis()), ms(r.maxMillis()));
    }

    static List<String> usage(Usage usage) {
        List<String> cells = new ArrayList<>();
        usage.processes().forEach(p -> {
            cells.add(mib(p.peakRssBytes()));
            cells.add(percent(p.cpuPercent()));
        });
        cells.add(percent(usage.benchCpuPercent()));
        return cells;
    }

    /** non-2xx, errors and the notes: saturation, events never sent, the first error, and {@code extra}. */
    static List<String> failures(LoadResult r, List<String> extra) {
        List<String> notes = new ArrayList<>();
        if (r.saturation() != null) {
            notes.add("saturated: " + r.saturation());
        } else if (r.unsent() > 0) {
            notes.add(String.format(Locale.ROOT, "%,d never sent", r.unsent()));
        }
        notes.addAll(extra);
        if (r.firstError() != null) {
            notes.add("first error: " + r.firstError());
        }
        return List.of(whole(r.non2xx()), whole(r.errors()), String.join("; ", notes));
    }

    /** Rows of {@code cells} groups joined into one row. */
    @SafeVarargs
    static List<String> row(List<String>... groups) {
        List<String> row = new ArrayList<>();
        for (List<String> group : groups) {
            row.addAll(group);
        }
        return row;
    }

    private LoadColumns() {
    }
}
