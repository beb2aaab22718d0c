package io.kedge.bench;

import io.kedge.bench.load.ProcessStats;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What every benchmark prints and writes: progress lines as it runs, then the markdown results on
 * the terminal and in the results file; and the facts about the machine that the figures depend on.
 * Standard output, not a logger: the output of these commands is the figures.
 */
final class BenchOutput {

    private final PrintStream out;

    BenchOutput(PrintStream out) {
        this.out = out;
    }

    /** One line, prefixed {@code bench:}, flushed at once so a long run shows where it is. */
    void progress(String format, Object... args) {
        out.println("bench: " + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    /** Writes {@code markdown} to {@code file} and prints it. */
    void publish(String markdown, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        out.println();
        out.print(markdown);
        out.println();
        progress("results written to %s", file);
    }

    /** Date, cores, load average and Java version: the first half of every report's context line. */
    static String machine() {
        return String.format(Locale.ROOT, "%s; %d cores, load average %s at start; Java %s",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"));
    }

    /** The one-minute load average, or {@code unknown} without {@code /proc}. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** CPU ticks this JVM (load generator, subscriber) used so far. */
    static long ownCpuTicks() {
        return ProcessStats.read(ProcessHandle.current().pid()).map(ProcessStats::cpuTicks).orElse(0L);
    }

    /** {@code results.md} → {@code results.<extension>} beside it: where an app's log goes. */
    static Path beside(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.toAbsolutePath().resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "." + extension);
    }

    static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover run directory under target/ is harmless
        }
    }
}
