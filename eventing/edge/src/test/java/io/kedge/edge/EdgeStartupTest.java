package io.kedge.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies the start-up check that the broker delivers to the Services where the edge put them. */
class EdgeStartupTest {

    private static final Map<String, URI> DIRECTORY = Map.of(
            "kedge-store", URI.create("http://127.0.0.1:9090/kedge-store"),
            "kedge-alert", URI.create("http://127.0.0.1:9090/kedge-alert"));

    @Test
    void triggersResolvedThroughTheEdgesDirectoryPass() {
        assertThat(EdgeStartup.misdirected(Map.of(
                "kedge/store-validated", URI.create("http://127.0.0.1:9090/kedge-store"),
                "kedge/elsewhere", URI.create("https://hooks.example.com/kedge")), DIRECTORY, Map.of())).isEmpty();
    }

    @Test
    void aTriggerResolvedFromAnOlderDirectoryIsNamed() {
        // GIVEN a directory of a previous run on port 8080, read before this run on 9090 rewrote it
        assertThat(EdgeStartup.misdirected(Map.of("kedge/store-validated", URI.create("http://127.0.0.1:8080/kedge-store")),
                DIRECTORY, Map.of()))
                .containsExactly("Trigger kedge/store-validated → http://127.0.0.1:8080/kedge-store,"
                        + " expected http://127.0.0.1:9090/kedge-store");
    }

    @Test
    void aServiceMovedByItsVariableIsNoProblem() {
        assertThat(EdgeStartup.misdirected(Map.of("kedge/store-validated", URI.create("http://pi-2.local:8082/kedge-store")),
                DIRECTORY, Map.of("KEDGE_SERVICE_KEDGE_STORE", "http://pi-2.local:8082/kedge-store"))).isEmpty();
    }
}
