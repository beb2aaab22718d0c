package io.kedge.deploy.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies that a kustomization that forgets a file, or names one that is gone, is reported. */
class KustomizationTest {

    @TempDir
    Path dir;

    private void write(String file, String text) throws IOException {
        Files.createDirectories(dir.resolve(file).getParent());
        Files.writeString(dir.resolve(file), text);
    }

    @Test
    void aCompleteListingHasNoProblem() throws IOException {
        write("base/kustomization.yaml", "resources: [a-service.yaml]\npatches:\n  - path: a-patch.yaml\n");
        write("base/a-service.yaml", "kind: x\n");
        write("base/a-patch.yaml", "kind: x\n");

        assertThat(Kustomization.read(dir.resolve("base")).listingProblems()).isEmpty();
    }

    @Test
    void anUnlistedFileAndAMissingOneAreReported() throws IOException {
        write("base/kustomization.yaml", "resources: [a-service.yaml, gone-trigger.yaml]\n");
        write("base/a-service.yaml", "kind: x\n");
        write("base/forgotten-trigger.yaml", "kind: x\n");

        assertThat(Kustomization.read(dir.resolve("base")).listingProblems()).containsExactlyInAnyOrder(
                dir.resolve("base/kustomization.yaml") + ": resources: \"gone-trigger.yaml\" does not exist",
                dir.resolve("base/kustomization.yaml")
                        + ": forgotten-trigger.yaml is in the directory but listed under neither resources nor patches");
    }

    @Test
    void componentsMustBeComponentsAndDirectoriesKustomizations() throws IOException {
        write("base/kustomization.yaml", "resources: []\n");
        write("plain/a.txt", "not a kustomization\n");
        write("overlay/kustomization.yaml", "resources: [../plain]\ncomponents: [../base]\n");

        assertThat(Kustomization.read(dir.resolve("overlay")).listingProblems()).containsExactlyInAnyOrder(
                dir.resolve("overlay/kustomization.yaml") + ": resources: directory \"../plain\" has no kustomization.yaml",
                dir.resolve("overlay/kustomization.yaml") + ": components: \"../base\" is a Kustomization, not a Component");
    }
}
