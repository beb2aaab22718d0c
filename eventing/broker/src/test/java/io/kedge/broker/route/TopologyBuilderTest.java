package io.kedge.broker.route;

import static io.kedge.broker.TestManifests.VALID;
import static io.kedge.broker.TestManifests.load;
import static io.kedge.broker.TestManifests.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.broker.delivery.BackoffPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies that valid manifests compile into the routes Knative would run. */
class TopologyBuilderTest {

    @Test
    void readsEveryBrokerAndTriggerAcrossFilesAndDocumentsSkippingOtherKinds() {
        Topology topology = load(VALID, Map.of());

        assertThat(topology.brokers()).extracting(BrokerRoute::key).containsExactly(new BrokerKey("lab", "default"));
        assertThat(topology.triggers()).extracting(TriggerRoute::name)
                .containsExactlyInAnyOrder("thermo", "archive-all", "external");
    }

    @Test
    void resolvesRefsAbsoluteUrisAndRelativeUrisAgainstTheirRef() {
        Topology topology = load(VALID, Map.of());

        assertThat(trigger(topology, "thermo").subscriber()).isEqualTo(URI.create("http://127.0.0.1:9101"));
        assertThat(trigger(topology, "archive-all").subscriber()).isEqualTo(URI.create("http://127.0.0.1:9102/base/events/v1"));
        assertThat(trigger(topology, "external").subscriber()).isEqualTo(URI.create("https://hooks.example.org/kedge"));
    }

    @Test
    void environmentVariableWinsOverTheServicesFile() {
        Topology topology = load(VALID, Map.of("KEDGE_SERVICE_THERMO", "http://127.0.0.1:7000"));

        assertThat(trigger(topology, "thermo").subscriber()).isEqualTo(URI.create("http://127.0.0.1:7000"));
    }

    @Test
    void triggerWithoutDeliveryInheritsTheBrokersWhileAnyOwnFieldReplacesItWhole() {
        Topology topology = load(VALID, Map.of());

        TriggerRoute inherits = trigger(topology, "thermo");
        assertThat(inherits.delivery().retry()).isEqualTo(3);
        assertThat(inherits.delivery().backoffPolicy()).isEqualTo(BackoffPolicy.EXPONENTIAL);
        assertThat(inherits.delivery().backoffDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(inherits.delivery().timeout()).isEqualTo(Duration.ofSeconds(2));

        // archive-all sets only retry: Knative then ignores the Broker's backoff and timeout entirely.
        TriggerRoute own = trigger(topology, "archive-all");
        assertThat(own.delivery().retry()).isEqualTo(1);
        assertThat(own.delivery().backoffPolicy()).isNull();
        assertThat(own.delivery().timeout()).isNull();
    }

    @Test
    void filtersDescribeThemselvesForTheStartupLog() {
        Topology topology = load(VALID, Map.of());

        assertThat(trigger(topology, "thermo").filter()).hasToString("{site=*, type=io.kedge.reading.v1}");
        assertThat(trigger(topology, "external").filter()).hasToString("(all events)");
    }

}
