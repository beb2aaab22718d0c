package io.kedge.deploy.kustomize;

import io.kedge.deploy.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the kustomize that {@code kubectl apply -k}
 * runs, so that the output is what a cluster would receive. Works offline: it needs no API server.
 */
public final class KustomizeRenderer {

    public static final String KUBECTL = "kubectl";
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    /** @throws IllegalStateException with kubectl's message when the kustomization does not render */
    public String render(Path directory) {
        ProcessRunner.Result result = ProcessRunner.run(List.of(KUBECTL, "kustomize", directory.toString()), null, null, TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kubectl kustomize " + directory + " failed (exit " + result.exitCode() + "): "
                    + result.stderr().strip());
        }
        return result.stdout();
    }

    public static String origin(Path directory) {
        return "kubectl kustomize " + directory;
    }
}
