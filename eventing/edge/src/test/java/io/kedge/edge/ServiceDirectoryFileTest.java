package io.kedge.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.broker.resolve.ServiceDirectory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies that the broker reads the service directory the edge writes, and who wins over it. */
class ServiceDirectoryFileTest {

    private static final URI BASE = URI.create("http://127.0.0.1:8080");

    @Test
    void theBrokerResolvesEachHostedServiceToItsRouteOnTheEdgesPort(@TempDir Path dir) {
        Path file = dir.resolve("edge/services.properties");

        ServiceDirectoryFile.write(file, Map.of(
                "kedge-store", ServiceDirectoryFile.serviceUrl(BASE, "kedge-store"),
                "kedge-validate", ServiceDirectoryFile.serviceUrl(URI.create("http://127.0.0.1:8080/"), "kedge-validate")));

        ServiceDirectory directory = ServiceDirectory.load(file, Map.of());
        assertThat(directory.lookup("kedge-store")).get().extracting(ServiceDirectory.Entry::url)
                .isEqualTo("http://127.0.0.1:8080/kedge-store");
        assertThat(directory.lookup("kedge-validate")).get().extracting(ServiceDirectory.Entry::url)
                .isEqualTo("http://127.0.0.1:8080/kedge-validate");
        assertThat(directory.lookup("kedge-alert")).isEmpty();
    }

    @Test
    void aRewriteReplacesTheWholeFileAndAServiceVariableStillWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("services.properties");
        ServiceDirectoryFile.write(file, Map.of("kedge-alert", URI.create("http://127.0.0.1:1/kedge-alert")));

        ServiceDirectoryFile.write(file, Map.of("kedge-store", URI.create("http://127.0.0.1:2/kedge-store")));

        ServiceDirectory directory = ServiceDirectory.load(file,
                Map.of("KEDGE_SERVICE_KEDGE_STORE", "http://pi-2.local:8082"));
        assertThat(directory.lookup("kedge-alert")).isEmpty();
        assertThat(directory.lookup("kedge-store")).get().extracting(ServiceDirectory.Entry::url)
                .isEqualTo("http://pi-2.local:8082");
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()).toList()).isEqualTo(List.of("services.properties"));
        }
    }
}
