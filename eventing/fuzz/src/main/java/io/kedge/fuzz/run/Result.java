package io.kedge.fuzz.run;

import io.kedge.fuzz.oracle.Finding;
import java.util.List;
import java.util.Map;

/**
 * The figures of one target's run and what broke.
 *
 * @param crashes     inputs without an answer (reset, closed, timed out), plus one if the process died
 * @param findingsByKind every finding counted, also those beyond the kept {@code violations}
 * @param rssBytes    the process's resident memory at the end; -1 unknown
 * @param known       findings of each {@link KnownIssue} (by id), not counted as findings
 * @param knownSamples one finding of each known issue seen
 */
public record Result(String target, long inputs, long ok, long clientError, long serverError, long otherStatus,
                     long crashes, double seconds, long rssBytes, Map<Finding.Kind, Long> findingsByKind,
                     List<Violation> violations, Map<String, Long> known, List<Violation> knownSamples) {

    public long findings() {
        return findingsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public long knownFindings() {
        return known.values().stream().mapToLong(Long::longValue).sum();
    }

    public double inputsPerSecond() {
        return seconds <= 0 ? 0 : inputs / seconds;
    }
}
