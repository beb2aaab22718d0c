package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the benchmarks' smoke tests read from a run's output. */
final class SmokeOutput {

    /** The column names of the first markdown table. */
    static List<String> headerOfFirstTable(String markdown) {
        String header = markdown.lines().filter(line -> line.startsWith("|")).findFirst().orElseThrow();
        return Stream.of(header.substring(1, header.length() - 1).split("\\|")).map(String::trim).toList();
    }

    /** Asserts that the process whose pid the progress line matching {@code pidPattern} names is no longer alive. */
    static void assertGone(String printed, String pidPattern) {
        Matcher matcher = Pattern.compile(pidPattern).matcher(printed);
        assertThat(matcher.find()).as("progress says %s", pidPattern).isTrue();
        long pid = Long.parseLong(matcher.group(1));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d alive", pid).isFalse();
    }

    private SmokeOutput() {
    }
}
