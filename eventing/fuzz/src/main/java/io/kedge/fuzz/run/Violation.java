package io.kedge.fuzz.run;

import io.kedge.fuzz.oracle.Finding;

/**
 * A finding with what it takes to reproduce it: the case (seed and mutations), the request as
 * sent and the answer; after shrinking, the smallest case that still shows it.
 *
 * @param caseLabel {@code null} for findings about the whole run
 */
public record Violation(String target, Finding finding, String caseLabel, String request, String answer, String shrunk) {

    public Violation withShrunk(String shrunkCase) {
        return new Violation(target, finding, caseLabel, request, answer, shrunkCase);
    }

    /** A reproducer block for reports and assertion messages. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(target).append(": ").append(finding.kind()).append(" — ").append(finding.detail()).append('\n');
        if (caseLabel != null) {
            out.append("  case ").append(caseLabel).append('\n');
            if (shrunk != null) {
                out.append("  shrunk to ").append(shrunk).append('\n');
            }
            out.append("  request ").append(request.replace("\n", "\n  ")).append('\n');
            out.append("  answer  ").append(answer).append('\n');
        }
        return out.toString();
    }
}
