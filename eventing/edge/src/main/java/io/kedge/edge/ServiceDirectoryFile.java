package io.kedge.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Writes the broker's service directory ({@code name=url} lines, the format of
 * {@code eventing/local/services.properties}) for the Services hosted in this process. Written
 * whole to a temporary file and moved into place, so a broker never reads half of it.
 */
public final class ServiceDirectoryFile {

    private ServiceDirectoryFile() {
    }

    /** {@code kedge-store} → {@code <base>/kedge-store}. */
    public static URI serviceUrl(URI base, String service) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + service);
    }

    /**
     * @param file     where the broker reads it ({@code kedge.broker.services})
     * @param services Service name → URL
     */
    public static void write(Path file, Map<String, URI> services) {
        Properties lines = new Properties();
        new TreeMap<>(services).forEach((name, url) -> lines.setProperty(name, url.toString()));
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                lines.store(out, " Written by the edge app at start (kedge.edge.service-directory): every Service"
                        + " runs in this process. KEDGE_SERVICE_<NAME> still wins for one run elsewhere.");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's service directory " + file
                    + " (kedge.edge.service-directory): " + e.getMessage(), e);
        }
    }
}
