package io.kedge.store;

import io.kedge.functions.support.FunctionFailure;
import java.util.List;

/** The event cannot become a point: its data is missing, malformed or not representable. Never retried. */
public class InvalidReadingException extends FunctionFailure {

    private final List<String> problems;

    public InvalidReadingException(List<String> problems) {
        super("invalid reading: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidReadingException(String problem) {
        this(List.of(problem));
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
        return "invalid reading";
    }
}
