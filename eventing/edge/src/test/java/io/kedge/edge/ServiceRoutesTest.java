package io.kedge.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies the service directory the edge gives the broker. */
class ServiceRoutesTest {

    private static final URI BASE = URI.create("http://127.0.0.1:8080");

    @Test
    void functionServicesGetTheirRoutePathServicesTheBaseAndUnhostedOnesARouteThatTakesEverything() {
        assertThat(ServiceRoutes.directory(BASE, List.of("kedge-store", "kedge-alert"), List.of("kedge-device-source"),
                List.of("kedge-aggregate"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "kedge-store", URI.create("http://127.0.0.1:8080/kedge-store"),
                        "kedge-alert", URI.create("http://127.0.0.1:8080/kedge-alert"),
                        "kedge-device-source", BASE,
                        "kedge-aggregate", URI.create("http://127.0.0.1:8080/kedge-aggregate")));
    }

    @Test
    void aServiceNamedTwiceStopsTheStart() {
        assertThatThrownBy(() -> ServiceRoutes.directory(BASE, List.of("kedge-aggregate"), List.of(), List.of("kedge-aggregate")))
                .hasMessage("Services [kedge-aggregate] are named more than once in kedge.edge.services,"
                        + " kedge.edge.path-services and kedge.edge.unhosted; name each in one of them");
    }
}
