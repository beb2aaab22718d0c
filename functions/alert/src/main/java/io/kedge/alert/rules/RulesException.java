package io.kedge.alert.rules;

import java.util.List;

/** A rules file (or an environment override of it) that cannot be used, with every problem found. */
public class RulesException extends IllegalArgumentException {

    private final List<String> problems;

    public RulesException(String origin, List<String> problems) {
        super("alert rules " + origin + " are invalid:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, naming where it is and quoting the bad value. */
    public List<String> problems() {
        return problems;
    }
}
