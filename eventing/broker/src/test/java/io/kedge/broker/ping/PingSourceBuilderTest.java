package io.kedge.broker.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.kedge.broker.manifest.ManifestException;
import io.kedge.broker.manifest.ManifestLoader;
import io.kedge.broker.manifest.Manifests;
import io.kedge.broker.resolve.DestinationResolver;
import io.kedge.broker.resolve.ServiceDirectory;
import io.kedge.broker.route.BrokerKey;
import io.kedge.broker.route.Topology;
import io.kedge.broker.route.TopologyBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies that PingSources are validated at start, naming file, resource and field, and what a tick carries. */
class PingSourceBuilderTest {

    private static final String BROKER = """
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: default
              namespace: lab
            """;
    private static final String TO_BROKER = """
              sink:
                ref:
                  apiVersion: eventing.knative.dev/v1
                  kind: Broker
                  name: default
            """;

    @TempDir
    Path manifests;

    private List<PingSourceRoute> load(String spec) throws IOException {
        Files.writeString(manifests.resolve("broker.yaml"), BROKER);
        Files.writeString(manifests.resolve("tick-source.yaml"), """
                apiVersion: sources.knative.dev/v1
                kind: PingSource
                metadata:
                  name: tick
                  namespace: lab
                spec:
                """ + spec);
        DestinationResolver resolver = new DestinationResolver(ServiceDirectory.load(manifests.resolve("none"), Map.of()));
        Manifests loaded = new ManifestLoader().load(manifests);
        Topology topology = new TopologyBuilder(resolver).build(loaded);
        return new PingSourceBuilder(resolver).build(loaded.pingSources(), topology);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("bad cron", "  schedule: \"*/5 * * *\"\n" + TO_BROKER,
                        "spec.schedule: \"*/5 * * *\" is not a 5-field cron expression"),
                Arguments.of("out-of-range cron", "  schedule: \"0 25 * * *\"\n" + TO_BROKER,
                        "spec.schedule: \"0 25 * * *\" is not a valid cron expression"),
                Arguments.of("unknown zone", "  timezone: Europe/Atlantis\n" + TO_BROKER,
                        "spec.timezone: \"Europe/Atlantis\" is not a time zone"),
                Arguments.of("data and dataBase64", "  data: '{}'\n  dataBase64: e30=\n" + TO_BROKER,
                        "spec.data, spec.dataBase64: both set; set only one"),
                Arguments.of("bad base64", "  dataBase64: '%%%'\n" + TO_BROKER, "spec.dataBase64: not valid base64"),
                Arguments.of("bad content type", "  contentType: json\n" + TO_BROKER,
                        "spec.contentType: \"json\" is not a media type"),
                Arguments.of("unknown broker", TO_BROKER.replace("name: default", "name: elsewhere"),
                        "spec.sink.ref: no Broker \"elsewhere\" in namespace lab; known brokers: [lab/default]"),
                Arguments.of("no sink", "  schedule: \"* * * * *\"\n", "spec.sink: required"),
                Arguments.of("relative uri", "  sink:\n    uri: /ticks\n", "spec.sink.uri: \"/ticks\" is not an absolute http(s) URL"),
                Arguments.of("core attribute override", "  ceOverrides:\n    extensions:\n      type: other\n" + TO_BROKER,
                        "spec.ceOverrides.extensions.type: \"type\" is a core attribute"),
                Arguments.of("bad extension name", "  ceOverrides:\n    extensions:\n      Site: garage\n" + TO_BROKER,
                        "spec.ceOverrides.extensions.Site: \"Site\" is not a CloudEvents attribute name"),
                Arguments.of("misspelt field", "  shedule: \"* * * * *\"\n" + TO_BROKER, "spec.shedule: unknown field"));
    }

    @ParameterizedTest(name = "{0} refuses the start naming {2}")
    @MethodSource("refused")
    void unusablePingSourceRefusesTheStartNamingFileResourceAndField(String name, String spec, String problem) {
        String file = manifests.resolve("tick-source.yaml").toString();

        assertThatThrownBy(() -> load(spec))
                .isInstanceOf(ManifestException.class)
                .satisfies(e -> assertThat(((ManifestException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith(file + ": PingSource lab/tick: " + problem)));
    }

    @Test
    void oldApiVersionIsRefused() throws IOException {
        Files.writeString(manifests.resolve("old-source.yaml"), """
                apiVersion: sources.knative.dev/v1beta2
                kind: PingSource
                metadata:
                  name: vintage
                """);

        assertThatThrownBy(() -> new ManifestLoader().load(manifests))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("old-source.yaml: PingSource default/vintage: apiVersion: \"sources.knative.dev/v1beta2\""
                        + " is not supported; use sources.knative.dev/v1");
    }

    @Test
    void tickCarriesKnativeAttributesTheScheduledTimeTheDataAndTheOverrides() throws IOException {
        PingSourceRoute source = load("""
                  schedule: "*/5 * * * *"
                  contentType: application/json
                  dataBase64: eyJjaGVjayI6Im5vLWRhdGEifQ==
                  ceOverrides:
                    extensions:
                      site: garage
                """ + TO_BROKER).get(0);

        CloudEvent first = source.tick(Instant.parse("2026-11-27T10:05:00Z"));
        CloudEvent second = source.tick(Instant.parse("2026-11-27T10:05:00Z"));

        assertThat(source.sink()).isEqualTo(PingSink.broker(new BrokerKey("lab", "default")));
        assertThat(first.getType()).isEqualTo("dev.knative.sources.ping");
        assertThat(first.getSource()).isEqualTo(URI.create("/apis/v1/namespaces/lab/pingsources/tick"));
        assertThat(first.getTime()).hasToString("2026-11-27T10:05Z");
        assertThat(first.getDataContentType()).isEqualTo("application/json");
        assertThat(new String(first.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"check\":\"no-data\"}");
        assertThat(first.getExtension("site")).isEqualTo("garage");
        assertThat(first.getId()).isNotEqualTo(second.getId());
    }

    @Test
    void absoluteUriSinkIsPostedTo() throws IOException {
        PingSourceRoute source = load("  sink:\n    uri: http://127.0.0.1:9/ticks\n").get(0);

        assertThat(source.sink()).isEqualTo(PingSink.uri(URI.create("http://127.0.0.1:9/ticks")));
        assertThat(source.schedule().expression()).isEqualTo("* * * * *");
        assertThat(source.tick(Instant.EPOCH).getData()).isNull();
    }

    @Test
    void repositoryAlertTickGoesToTheKedgeDefaultBrokerEveryMinute() {
        DestinationResolver resolver = new DestinationResolver(
                ServiceDirectory.load(Path.of("../local/services.properties"), Map.of()));
        Manifests loaded = new ManifestLoader().load(Path.of("../k8s"));
        List<PingSourceRoute> sources = new PingSourceBuilder(resolver)
                .build(loaded.pingSources(), new TopologyBuilder(resolver).build(loaded));

        URI alertTick = URI.create("/apis/v1/namespaces/kedge/pingsources/alert-tick");
        // other PingSources may live beside it (the aggregate function's, for one)
        assertThat(sources).filteredOn(source -> source.source().equals(alertTick)).singleElement().satisfies(source -> {
            assertThat(source.sink()).isEqualTo(PingSink.broker(new BrokerKey("kedge", "default")));
            assertThat(source.schedule().expression()).isEqualTo("* * * * *");
            assertThat(new String(source.data(), StandardCharsets.UTF_8)).isEqualTo("{\"check\":\"no-data\"}");
        });
    }
}
