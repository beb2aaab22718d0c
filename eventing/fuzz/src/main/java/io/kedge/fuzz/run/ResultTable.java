package io.kedge.fuzz.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The results as markdown: one row per target, then every kept finding with its reproducer. */
public final class ResultTable {

    public static String markdown(List<Result> results, long seed, String machine) {
        StringBuilder out = new StringBuilder();
        out.append("Fuzz run, seed ").append(seed).append("; ").append(machine)
                .append("; load average ").append(loadAverage()).append(" at the end\n\n");
        out.append("| target | inputs | 2xx | 4xx | 5xx | crashes | findings | known | inputs/s | RSS MiB |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %.0f | %s |%n", r.target(),
                    r.inputs(), r.ok(), r.clientError(), r.serverError(), r.crashes(), r.findings(), r.knownFindings(),
                    r.inputsPerSecond(), r.rssBytes() < 0 ? "?" : String.valueOf(r.rssBytes() / (1024 * 1024))));
        }
        out.append("\ncrashes: inputs without an answer (reset, closed, timed out) and processes that died;"
                + " findings: broken promises not yet known; known: findings of reported bugs (KnownIssues)\n");
        for (Result r : results) {
            if (r.known().isEmpty()) {
                continue;
            }
            out.append("\n### ").append(r.target()).append(": known issues ").append(r.known()).append("\n\n```\n");
            r.knownSamples().forEach(v -> out.append(v.describe()).append('\n'));
            out.append("```\n");
        }
        for (Result r : results) {
            if (r.findingsByKind().isEmpty()) {
                continue;
            }
            out.append("\n### ").append(r.target()).append(": ").append(r.findingsByKind()).append("\n\n```\n");
            r.violations().forEach(v -> out.append(v.describe()).append('\n'));
            out.append("```\n");
        }
        return out.toString();
    }

    /** Date, cores and Java version, for the report's first line. */
    public static String machine() {
        return String.format(Locale.ROOT, "%s; %d cores; load average %s at the start; Java %s",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"));
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private ResultTable() {
    }
}
