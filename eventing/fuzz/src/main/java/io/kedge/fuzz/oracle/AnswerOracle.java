package io.kedge.fuzz.oracle;

import io.kedge.fuzz.http.Answer;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.HttpSyntax;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The promises every target keeps for every input, whatever it is: an answer, never a 5xx, 2xx or
 * 4xx only, a 4xx says why in JSON or text (unless the request is no valid HTTP at all, which the
 * HTTP codec refuses with a bare 4xx before any application code runs, nor a request target that
 * Quarkus refuses before any route, see {@link #refusedBeforeRouting}), and no answer shows the server's insides (a stack
 * frame, an exception class). Text that the request itself contained may be quoted back, so it
 * does not count.
 */
public final class AnswerOracle {

    private static final Pattern STACK_FRAME = Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$<>]+)+\\(");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[a-z][\\w]*(\\.[\\w$]+)*\\.[A-Z]\\w*(Exception|Error)\\b"
            + "|\\b\\w*Exception\\b");

    public static List<Finding> check(FuzzRequest request, Answer answer) {
        List<Finding> findings = new ArrayList<>();
        switch (answer.kind()) {
            case NO_ANSWER -> findings.add(Finding.of(Finding.Kind.NO_ANSWER, answer.failure()));
            case TIMEOUT -> findings.add(Finding.of(Finding.Kind.TIMEOUT, answer.failure()));
            default -> checkResponse(request, answer, findings);
        }
        return findings;
    }

    private static void checkResponse(FuzzRequest request, Answer answer, List<Finding> findings) {
        int status = answer.status();
        if (status >= 500) {
            findings.add(Finding.of(Finding.Kind.SERVER_ERROR, "answered %s", answer.describe()));
        } else if (status < 200 || (status >= 300 && status < 400)) {
            findings.add(Finding.of(Finding.Kind.ODD_STATUS, "answered %s", answer.describe()));
        } else if (status >= 400 && !request.isHead() && HttpSyntax.problem(request) == null
                && !refusedBeforeRouting(request, status)) {
            String type = answer.header("content-type");
            if (answer.body().length == 0 || answer.text().isBlank()) {
                findings.add(Finding.of(Finding.Kind.NO_MESSAGE, "%d without a body", status));
            } else if (type == null || !isMessageType(type)) {
                findings.add(Finding.of(Finding.Kind.NO_MESSAGE, "%d with Content-Type %s: %s", status, type, answer.describe()));
            }
        }
        String text = answer.text();
        var frame = STACK_FRAME.matcher(text);
        if (frame.find() && !request.contains(frame.group())) {
            findings.add(Finding.of(Finding.Kind.STACK_TRACE, "stack frame \"%s\" in %s", frame.group(), answer.describe()));
        }
        var exception = EXCEPTION_NAME.matcher(text);
        if (exception.find() && !request.contains(exception.group())) {
            findings.add(Finding.of(Finding.Kind.STACK_TRACE, "\"%s\" in %s", exception.group(), answer.describe()));
        }
    }

    /**
     * Quarkus' HTTP layer ({@code VertxHttpRecorder}) parses every request target with
     * {@code java.net.URI} before any route runs, and answers one it cannot parse ({@code //}: an
     * empty authority) with a bare 400. Valid HTTP, but no application code ever sees it: only the
     * JVM flag {@code -Dvertx.disableURIValidation}, which Quarkus keeps off on purpose
     * (quarkusio/quarkus#37804), would let the targets answer it themselves.
     */
    static boolean refusedBeforeRouting(FuzzRequest request, int status) {
        if (status != 400) {
            return false;
        }
        try {
            new URI(request.path());
            return false;
        } catch (URISyntaxException e) {
            return true;
        }
    }

    static boolean isMessageType(String contentType) {
        String base = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return base.startsWith("text/") || base.endsWith("/json") || base.endsWith("+json");
    }

    private AnswerOracle() {
    }
}
