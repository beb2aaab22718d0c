package io.kedge.contract.codec;

import java.util.List;

/** A request that is not a valid CloudEvent; the message lists every problem found. */
public class InvalidEventException extends RuntimeException {

    private final List<String> problems;

    public InvalidEventException(List<String> problems) {
        super("not a valid CloudEvent: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidEventException(String problem) {
        this(List.of(problem));
    }

    /** Each problem on its own, naming the attribute and quoting the bad value. */
    public List<String> problems() {
        return problems;
    }
}
