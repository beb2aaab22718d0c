package io.kedge.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Progress lines of the fault tests: what is killed or restarted, and the counts, in the build's
 * console. A plain JUnit class path has no logging backend to configure, and failsafe copies a
 * test's standard output into the console and into its report, which is where a CI reader looks.
 */
final class Progress {

    static void log(String format, Object... args) {
        System.out.printf("[fault %s] %s%n", LocalTime.now().truncatedTo(ChronoUnit.MILLIS), String.format(format, args));
        System.out.flush();
    }

    /** The 1-minute load average, for figures taken on a shared machine. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private Progress() {
    }
}
