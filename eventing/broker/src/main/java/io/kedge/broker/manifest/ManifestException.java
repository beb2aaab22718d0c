package io.kedge.broker.manifest;

import java.util.List;

/**
 * Manifests the broker cannot honour. Each problem names the file, the resource and the field, so
 * that the start-up failure can be fixed without reading code.
 */
public class ManifestException extends RuntimeException {

    private final List<String> problems;

    public ManifestException(List<String> problems) {
        super("the broker cannot honour its manifests:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public ManifestException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
