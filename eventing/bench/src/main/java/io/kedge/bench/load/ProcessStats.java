package io.kedge.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory and CPU time of one Linux process, read from {@code /proc/<pid>/status}
 * ({@code VmRSS}) and {@code /proc/<pid>/stat} ({@code utime + stime}, in clock ticks).
 *
 * @param rssBytes resident set size
 * @param cpuTicks user plus system CPU time so far, in {@link #TICKS_PER_SECOND}ths of a second
 */
public record ProcessStats(long rssBytes, long cpuTicks) {

    /** {@code USER_HZ}, the unit of {@code /proc/<pid>/stat} times: 100 on every mainstream Linux build. */
    public static final long TICKS_PER_SECOND = clockTicks();

    /** The process's figures now; empty once it has exited (or on a system without {@code /proc}). */
    public static Optional<ProcessStats> read(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String status = Files.readString(proc.resolve("status"));
            String stat = Files.readString(proc.resolve("stat"));
            return Optional.of(new ProcessStats(parseRssKib(status) * 1024, parseCpuTicks(stat)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code VmRSS} of a {@code /proc/<pid>/status} text in KiB; 0 when absent (a zombie has none). */
    static long parseRssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                if (parts.length > 1 && !parts[1].equalsIgnoreCase("kB")) {
                    throw new IllegalArgumentException("unexpected VmRSS unit in \"" + line + "\"");
                }
                return value;
            }
        }
        return 0;
    }

    /**
     * {@code utime + stime} (fields 14 and 15) of a {@code /proc/<pid>/stat} line. The command name
     * (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.
     */
    static long parseCpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: \"" + stat + "\"");
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** CPU use over a wall-clock interval, in percent of one core (two busy cores make 200 %). */
    public static double cpuPercent(long ticks, long wallNanos) {
        if (wallNanos <= 0) {
            return 0;
        }
        return 100.0 * ticks / TICKS_PER_SECOND / (wallNanos / 1e9);
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the Linux default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
