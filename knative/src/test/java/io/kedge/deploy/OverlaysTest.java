package io.kedge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kedge.deploy.check.EventingChecks;
import io.kedge.deploy.check.ManifestSet;
import io.kedge.deploy.check.PiPlacement;
import io.kedge.deploy.check.ScaleToZeroChecks;
import io.kedge.deploy.check.WorkloadChecks;
import io.kedge.deploy.check.Workload;
import io.kedge.deploy.manifest.Manifest;
import io.kedge.deploy.manifest.ModelTypes;
import io.kedge.deploy.modules.AppModule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies each overlay as {@code kubectl kustomize} renders it, i.e. what {@code kubectl apply -k}
 * would send: the event graph closes (brokers, subscribers, dead-letter sinks, sink-binding
 * subjects exist; every filtered type is produced and routed by the subscribing function), every
 * workload matches the application it runs (image, port, probes, environment), every function
 * scales to zero; the pi overlay places everything on arm64 Pis within a 1 GB Pi's memory and uses
 * the durable Kafka broker, the dev overlay the in-memory one.
 */
class OverlaysTest {

    private static final Path PI = Repository.TREE.knative().resolve("overlays/pi");
    private static final Path DEV = Repository.TREE.knative().resolve("overlays/dev");
    private static final String BROKER_CLASS = "eventing.knative.dev/broker.class";

    static Stream<Path> overlays() {
        return Repository.TREE.overlays().stream();
    }

    @Test
    void thereAreThePiAndDevOverlays() {
        assertThat(Repository.TREE.overlays()).extracting(p -> p.getFileName().toString()).containsExactly("dev", "pi");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void eventGraphCloses(Path overlay) {
        ManifestSet set = Repository.renderedSet(overlay);

        assertThat(set.of(ModelTypes.EVENTING, "Trigger")).as("Triggers").isNotEmpty();
        assertThat(new EventingChecks(set, Repository.images(), Repository.contractTypes()).problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void workloadsMatchTheApplicationsTheyRun(Path overlay) {
        ManifestSet set = Repository.renderedSet(overlay);

        assertThat(new WorkloadChecks(set, Repository.images(), Repository.secretExamples()).problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyKnativeServiceScalesToZero(Path overlay) {
        assertThat(ScaleToZeroChecks.problems(Repository.renderedSet(overlay))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyFunctionIsDeployedAsAKnativeServiceRunningItsImage(Path overlay) {
        ManifestSet set = Repository.renderedSet(overlay);
        List<String> functions = Repository.modules().all().values().stream()
                .filter(m -> m.directory().getParent().getFileName().toString().equals("functions"))
                .map(AppModule::artifactId)
                .toList();

        assertThat(functions).contains("kedge-validate", "kedge-store", "kedge-alert", "kedge-aggregate");
        for (String function : functions) {
            assertThat(set.find(ModelTypes.SERVING, "Service", "kedge", function)).as("Knative Service %s", function).isPresent();
            Workload workload = set.workloads().stream().filter(w -> w.manifest().name().equals(function)).findFirst().orElseThrow();
            assertThat(workload.containers()).extracting(c -> c.getImage()).containsExactly(Repository.images().imageOf(function));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void functionsThatKeepStateInMemoryRunAtMostOnePod(Path overlay) {
        ManifestSet set = Repository.renderedSet(overlay);

        for (String single : List.of("kedge-alert", "kedge-aggregate")) {
            Workload workload = set.workloads().stream().filter(w -> w.manifest().name().equals(single)).findFirst().orElseThrow();
            assertThat(workload.annotations()).as(single).containsEntry(ScaleToZeroChecks.MAX_SCALE, "1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theBrokerDeadLettersToTheDeadLettersBroker(Path overlay) {
        Broker broker = Repository.renderedSet(overlay).find(ModelTypes.EVENTING, "Broker", "kedge", "default").orElseThrow()
                .as(Broker.class);

        assertThat(broker.getSpec().getDelivery().getDeadLetterSink().getRef().getName()).isEqualTo("dead-letters");
        assertThat(broker.getSpec().getDelivery().getRetry()).as("the delivery defaults stay").isEqualTo(10);
    }

    @Test
    void piPlacesEveryPodOnAnArm64PiWithinTheMemoryOfOne() {
        ManifestSet set = Repository.renderedSet(PI);

        assertThat(PiPlacement.problems(set)).isEmpty();
        Workload source = set.workloads().stream().filter(w -> w.manifest().name().equals("kedge-device-source")).findFirst()
                .orElseThrow();
        assertThat(source.nodeSelector()).as("the device source runs where the sensor is wired").containsKey("kedge.io/sensor");
    }

    @Test
    void piUsesTheDurableKafkaBrokerWithItsConfiguration() {
        ManifestSet set = Repository.renderedSet(PI);
        List<Manifest> brokers = set.of(ModelTypes.EVENTING, "Broker");

        assertThat(brokers).extracting(Manifest::name).containsExactlyInAnyOrder("default", "dead-letters");
        for (Manifest manifest : brokers) {
            Broker broker = manifest.as(Broker.class);
            assertThat(broker.getMetadata().getAnnotations()).as(manifest.describe()).containsEntry(BROKER_CLASS, "Kafka");
            String config = broker.getSpec().getConfig().getName();
            ConfigMap kafka = set.find(ModelTypes.CORE, "ConfigMap", "kedge", config).orElseThrow().as(ConfigMap.class);
            assertThat(kafka.getData()).containsKeys("bootstrap.servers", "default.topic.partitions",
                    "default.topic.replication.factor");
        }
    }

    @Test
    void devUsesTheInMemoryBrokerAndNoKafka() {
        ManifestSet set = Repository.renderedSet(DEV);

        for (Manifest manifest : set.of(ModelTypes.EVENTING, "Broker")) {
            Broker broker = manifest.as(Broker.class);
            assertThat(broker.getMetadata().getAnnotations()).as(manifest.describe())
                    .containsEntry(BROKER_CLASS, "MTChannelBasedBroker");
            assertThat(broker.getSpec().getConfig()).as("%s: no Kafka config", manifest.describe()).isNull();
        }
        assertThat(set.of(ModelTypes.CORE, "ConfigMap")).extracting(Manifest::name).doesNotContain("kedge-kafka-broker-config");
        assertThat(set.workloads()).allMatch(w -> w.nodeSelector().isEmpty(), "dev runs anywhere");
    }

    @Test
    void devShowsItsDeadLettersSinceTheInMemoryBrokerKeepsNone() {
        ManifestSet set = Repository.renderedSet(DEV);

        Trigger display = set.find(ModelTypes.EVENTING, "Trigger", "kedge", "dead-letters-display").orElseThrow().as(Trigger.class);
        assertThat(display.getSpec().getBroker()).isEqualTo("dead-letters");
    }

    @Test
    void theRootPomBuildsMultiArchImagesOnlyWhenAskedTo() {
        assertThat(Repository.images().buildProblems()).isEmpty();
        Map<String, String> defaults = Repository.modules().root().properties();
        assertThat(defaults).as("no image is built or pushed by default").doesNotContainKeys(
                "quarkus.container-image.build", "quarkus.container-image.push");
        assertThat(Repository.modules().root().profiles()).containsKey("native");
        assertThat(Repository.modules().root().profiles().get("native").properties())
                .containsEntry("quarkus.native.enabled", "true");
    }
}
