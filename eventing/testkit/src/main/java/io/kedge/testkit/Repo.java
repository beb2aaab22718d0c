package io.kedge.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository checkout the tests run in, found from the working directory upwards. */
public final class Repo {

    /** The directory holding {@code mvnw} and {@code eventing/}. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("eventing"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("not inside a Kedge checkout: " + Path.of("").toAbsolutePath());
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    private Repo() {
    }
}
