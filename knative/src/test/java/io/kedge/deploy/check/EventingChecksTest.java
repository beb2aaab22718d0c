package io.kedge.deploy.check;

import static io.kedge.deploy.Fixtures.BROKER;
import static io.kedge.deploy.Fixtures.image;
import static io.kedge.deploy.Fixtures.storeService;
import static io.kedge.deploy.Fixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.contract.EventTypes;
import io.kedge.deploy.Fixtures;
import io.kedge.deploy.Repository;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies that the event-graph checks find each kind of break, and accept a graph that closes. */
class EventingChecksTest {

    private static final String STORE = storeService(image("kedge-store"), 8082, "", "/q/health/ready");
    /** The five types the store function routes, each delivered by a Trigger. */
    private static final List<String> STORE_TRIGGERS = List.of(
            trigger("store-validated", EventTypes.READING_VALIDATED, "kedge-store"),
            trigger("store-fired", EventTypes.ALERT_FIRED, "kedge-store"),
            trigger("store-resolved", EventTypes.ALERT_RESOLVED, "kedge-store"),
            trigger("store-rejected", EventTypes.READING_REJECTED, "kedge-store"),
            trigger("store-summaries", EventTypes.SUMMARY, "kedge-store"));

    private static List<String> problems(String... documents) {
        return new EventingChecks(Fixtures.set(documents), Repository.images(), Repository.contractTypes()).problems();
    }

    private static String[] storeGraphWith(String... more) {
        List<String> documents = new java.util.ArrayList<>(List.of(BROKER, STORE));
        documents.addAll(STORE_TRIGGERS);
        documents.addAll(List.of(more));
        return documents.toArray(String[]::new);
    }

    @Test
    void aGraphThatClosesHasNoProblem() {
        assertThat(problems(storeGraphWith())).isEmpty();
    }

    @Test
    void aTriggerWhoseSubscriberIsNotDeployedIsReported() {
        assertThat(problems(storeGraphWith(trigger("lost", EventTypes.READING, "kedge-nowhere"))))
                .containsExactly("fixture.yaml (document 8): Trigger kedge/lost: spec.subscriber.ref: no serving.knative.dev/v1 "
                        + "Service kedge/kedge-nowhere among the resources applied with it");
    }

    @Test
    void aTriggerOnABrokerThatIsNotDeployedIsReported() {
        String orphan = trigger("orphan", EventTypes.READING_VALIDATED, "kedge-store").replace("broker: default", "broker: other");

        assertThat(problems(storeGraphWith(orphan))).singleElement().asString()
                .endsWith("spec.broker: no Broker kedge/other among the resources applied with it");
    }

    @Test
    void aDeadLetterSinkThatIsNotDeployedIsReported() {
        String broker = BROKER + "spec:\n  delivery:\n    deadLetterSink:\n      ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, "
                + "name: dead-letters}\n";
        List<String> documents = new java.util.ArrayList<>(List.of(broker, STORE));
        documents.addAll(STORE_TRIGGERS);

        assertThat(problems(documents.toArray(String[]::new))).singleElement().asString()
                .endsWith("spec.delivery.deadLetterSink.ref: no eventing.knative.dev/v1 Broker kedge/dead-letters among the "
                        + "resources applied with it");
    }

    @Test
    void aTypeNoComponentProducesIsReported() {
        assertThat(problems(storeGraphWith(trigger("future", "io.kedge.reading.v9", "kedge-store"))))
                .anySatisfy(p -> assertThat(p).contains("filters on type \"io.kedge.reading.v9\", which no component produces"));
    }

    @Test
    void aTypeTheSubscribingFunctionDoesNotRouteIsReported() {
        assertThat(problems(storeGraphWith(trigger("raw-to-store", EventTypes.READING, "kedge-store"))))
                .singleElement().asString()
                .contains("filters on type \"io.kedge.reading.v1\", but ")
                .contains("functions/store/src/main/resources/application.properties maps no function to it");
    }

    @Test
    void aTypeTheFunctionRoutesButNoTriggerDeliversIsReported() {
        List<String> allButResolved = new java.util.ArrayList<>(List.of(BROKER, STORE));
        allButResolved.addAll(STORE_TRIGGERS.stream().filter(t -> !t.contains(EventTypes.ALERT_RESOLVED)).toList());

        assertThat(problems(allButResolved.toArray(String[]::new)))
                .singleElement().asString()
                .contains("routes type \"io.kedge.alert.resolved.v1\" to [storeAlertResolved], but no Trigger");
    }

    @Test
    void aTickTriggerMustNameAnExistingPingSource() {
        String tick = """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: tick, namespace: kedge}
                spec:
                  broker: default
                  filter:
                    attributes:
                      type: dev.knative.sources.ping
                      source: /apis/v1/namespaces/kedge/pingsources/gone
                  subscriber: {uri: "http://example.org/"}
                """;

        assertThat(problems(storeGraphWith(tick))).singleElement().asString()
                .endsWith("filters on source \"/apis/v1/namespaces/kedge/pingsources/gone\", which no PingSource among the "
                        + "resources emits");
    }

    @Test
    void aSinkBindingWhoseSubjectIsNotDeployedIsReported() {
        String binding = """
                apiVersion: sources.knative.dev/v1
                kind: SinkBinding
                metadata: {name: device-source, namespace: kedge}
                spec:
                  subject: {apiVersion: apps/v1, kind: Deployment, name: kedge-device-source}
                  sink: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}}
                """;

        assertThat(problems(storeGraphWith(binding))).singleElement().asString()
                .endsWith("spec.subject: no apps/v1 Deployment kedge/kedge-device-source among the resources applied with it");
    }

    @Test
    void aPingSourceWithDataThatIsNotJsonIsReported() {
        String ping = """
                apiVersion: sources.knative.dev/v1
                kind: PingSource
                metadata: {name: tick, namespace: kedge}
                spec:
                  schedule: "* * * * *"
                  contentType: application/json
                  data: check=no-data
                  sink: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}}
                """;

        assertThat(problems(storeGraphWith(ping))).singleElement().asString().contains("spec.data: not JSON");
    }
}
