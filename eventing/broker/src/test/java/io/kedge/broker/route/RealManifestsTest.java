package io.kedge.broker.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.broker.TestManifests;
import io.kedge.broker.delivery.BackoffPolicy;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.fixtures.Readings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies that the repository's own eventing/k8s manifests load and route readings where the pipeline expects. */
class RealManifestsTest {

    // Paths relative to the module directory, where Maven runs the tests.
    private final Topology topology = TestManifests.load(Path.of("../k8s"), Path.of("../local/services.properties"), Map.of());

    @Test
    void servesTheKedgeDefaultBrokerWithItsDeliveryDefaults() {
        BrokerRoute broker = topology.broker(new BrokerKey("kedge", "default")).orElseThrow();

        assertThat(broker.delivery().retry()).isEqualTo(10);
        assertThat(broker.delivery().backoffPolicy()).isEqualTo(BackoffPolicy.EXPONENTIAL);
        assertThat(broker.delivery().backoffDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(broker.delivery().timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rawReadingsGoToValidate() {
        TriggerRoute validate = TestManifests.trigger(topology, "validate-readings");

        assertThat(validate.broker()).isEqualTo(new BrokerKey("kedge", "default"));
        assertThat(validate.subscriber()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(validate.filter().matches(ReadingEvents.of(Readings.DHT11_LIVINGROOM))).isTrue();
        assertThat(validate.delivery().retry()).as("inherits the broker's delivery").isEqualTo(10);
    }

    @Test
    void validatedReadingsGoToStoreWithTheirOwnDelivery() {
        TriggerRoute store = TestManifests.trigger(topology, "store-validated");

        assertThat(store.subscriber()).isEqualTo(URI.create("http://127.0.0.1:8082"));
        assertThat(store.filter()).hasToString("{type=" + EventTypes.READING_VALIDATED + "}");
        assertThat(store.filter().matches(ReadingEvents.of(Readings.DHT11_LIVINGROOM))).isFalse();
        assertThat(store.delivery().retry()).isEqualTo(10);
        assertThat(store.delivery().backoffDelay()).isEqualTo(Duration.ofMillis(500));
    }
}
