package io.kedge.store;

import io.kedge.functions.support.FunctionFailure;
import java.util.List;

/**
 * The event cannot become a point: its data is missing, malformed or not representable. The
 * sender's fault, so 400 and never retried.
 */
public class InvalidDataException extends FunctionFailure {

    private final String kind;
    private final List<String> problems;

    /**
     * @param kind     what the data should have been, {@code reading} or {@code alert}
     * @param problems every problem, each naming the field and quoting the value
     */
    public InvalidDataException(String kind, List<String> problems) {
        super("invalid " + kind + ": " + String.join("; ", problems));
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public InvalidDataException(String kind, String problem) {
        this(kind, List.of(problem));
    }

    /** Each problem on its own, naming the field and quoting the value. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String error() {
        return "invalid " + kind;
    }
}
