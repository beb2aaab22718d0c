package io.kedge.fuzz.run;

import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.oracle.Finding;
import java.util.Set;

/**
 * A bug the fuzzer found in a target and reported, not yet fixed: its findings are counted and
 * shown apart ("known") and do not fail a run. Delete the entry once the fix lands; a run then
 * fails again if the bug is still there.
 *
 * @param id      a short name, used in tables
 * @param owner   the module that has to fix it
 * @param summary input, answer and expectation in one sentence
 * @param targets the targets it shows in
 * @param kind    the kind of finding it causes; null for any
 */
public record KnownIssue(String id, String owner, String summary, Set<String> targets, Finding.Kind kind, Matcher matcher) {

    /** Whether a finding is this issue; {@code request} is null for findings about a whole run. */
    @FunctionalInterface
    public interface Matcher {
        boolean matches(Finding finding, FuzzRequest request);
    }

    public boolean matches(String target, Finding finding, FuzzRequest request) {
        return targets.contains(target) && (kind == null || finding.kind() == kind) && matcher.matches(finding, request);
    }
}
