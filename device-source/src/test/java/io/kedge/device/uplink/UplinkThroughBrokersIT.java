package io.kedge.device.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cloudevents.CloudEvent;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.device.LocalBroker;
import io.kedge.device.RecordingSink;
import io.kedge.device.TestEvents;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.Poll;
import io.kedge.testkit.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies the uplink as deployed, with two real local brokers standing in for edge and cloud: the
 * edge broker, on the repository's eventing/k8s manifests, delivers summaries through its uplink
 * Trigger to the packaged device source, which forwards them to the cloud broker, whose Trigger
 * delivers them to a recording receiver. The cloud broker is stopped for a while as summaries keep
 * coming; once it is back every summary arrives, in the order the uplink took them, once.
 */
class UplinkThroughBrokersIT {

    private static final Path DEVICE_JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void summariesTakenWhileTheCloudIsDownArriveInOrderOnceItIsBackNoneLostNoneTwice() {
        int cloudPort = FreePorts.next();
        int edgePort = FreePorts.next();
        List<CloudEvent> summaries = TestEvents.summaries(0, 40);
        try (RecordingSink receiver = RecordingSink.start();
             LocalBroker cloud = LocalBroker.start(cloudPort, receiver.url(), EventTypes.SUMMARY);
             AppProcess device = AppProcess.start("device-source", DEVICE_JAR, Map.of(
                     "KEDGE_DEVICE_SENSOR", "none",
                     "K_SINK", "http://127.0.0.1:9/kedge/default",
                     "KEDGE_DEVICE_BUFFER_DIR", dir.resolve("buffer").toString(),
                     "KEDGE_DEVICE_UPLINK_URL", LocalBroker.ingress(cloudPort),
                     "KEDGE_DEVICE_UPLINK_BUFFER_DIR", dir.resolve("uplink").toString(),
                     "KEDGE_DEVICE_RETRY_INITIAL_DELAY", "100ms",
                     "KEDGE_DEVICE_RETRY_MAX_DELAY", "1s",
                     // The readings' window must not reach the uplink, whose order is asserted below.
                     "KEDGE_DEVICE_SEND_CONCURRENCY", "32"));
             AppProcess edge = AppProcess.start("edge-broker", LocalBroker.jar(), edgePort, Map.of(
                     "KEDGE_BROKER_MANIFESTS", Repo.path("eventing/k8s").toString(),
                     "KEDGE_BROKER_SERVICES", Repo.path("eventing/local/services.properties").toString(),
                     "KEDGE_BROKER_DATA", dir.resolve("edge").toString(),
                     "KEDGE_SERVICE_KEDGE_DEVICE_SOURCE", device.url()))) {
            Diagnostics diagnostics = new Diagnostics(receiver, edge, device, cloud);

            // GIVEN summaries flow edge → uplink → cloud
            publish(edge, device, summaries.subList(0, 10), 0);
            Poll.until("10 summaries in the cloud", WAIT, Duration.ofMillis(100),
                    () -> receiver.acceptedIds().size() >= 10, diagnostics::text);

            // WHEN the cloud goes away while summaries keep coming
            cloud.stop();
            publish(edge, device, summaries.subList(10, 30), 10);
            Poll.until("the uplink to notice the outage", WAIT, Duration.ofMillis(100),
                    () -> !uplink(device).path("upstreamUp").asBoolean(true), diagnostics::text);
            assertThat(uplink(device).path("buffered").asLong()).isEqualTo(20);

            // AND it comes back while still more arrive
            cloud.restart();
            publish(edge, device, summaries.subList(30, 40), 30);

            // THEN every summary arrives, once, in the order the uplink took them
            Poll.until("40 summaries in the cloud", WAIT, Duration.ofMillis(100),
                    () -> receiver.acceptedIds().size() >= 40, diagnostics::text);
            assertThat(receiver.acceptedIds()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(TestEvents.ids(summaries));
            assertCloudIngressOrder(receiver.acceptedEvents(), summaries);
            JsonNode uplink = uplink(device);
            assertThat(uplink.path("sent").asLong()).isEqualTo(40);
            assertThat(uplink.path("buffered").asLong()).isZero();
            assertThat(uplink.path("dropped").asLong()).isZero();
            assertThat(uplink.path("upstreamUp").asBoolean()).isTrue();
        }
    }

    /**
     * Posts each summary to the edge broker and waits until the uplink has taken it (the edge
     * broker delivers in parallel), so that the uplink takes them in the order of {@code summaries}.
     */
    private static void publish(AppProcess edge, AppProcess device, List<CloudEvent> summaries, int takenBefore) {
        int taken = takenBefore;
        for (CloudEvent summary : summaries) {
            post(edge, summary);
            long expected = ++taken;
            Poll.until("summary " + summary.getId() + " taken by the uplink", WAIT, Duration.ofMillis(20),
                    () -> taken(device) == expected, () -> uplink(device) + "\n--- edge ---\n" + edge.logTail());
        }
    }

    private static long taken(AppProcess device) {
        JsonNode uplink = uplink(device);
        return uplink.path("buffered").asLong() + uplink.path("sent").asLong();
    }

    /**
     * The cloud broker stamps each event with {@code knativearrivaltime} as its ingress takes it
     * (replacing the edge's stamp); the summaries must have arrived no earlier than their predecessor.
     * The cloud broker then delivers in parallel, so the receiver's own order is not the ingress order.
     */
    private static void assertCloudIngressOrder(List<CloudEvent> received, List<CloudEvent> sent) {
        Map<String, OffsetDateTime> arrival = new HashMap<>();
        for (CloudEvent event : received) {
            arrival.put(event.getId(), OffsetDateTime.parse(String.valueOf(event.getExtension("knativearrivaltime"))));
        }
        OffsetDateTime previous = null;
        for (CloudEvent event : sent) {
            OffsetDateTime at = arrival.get(event.getId());
            if (previous != null) {
                assertThat(at).as("cloud arrival of %s", event.getId()).isAfterOrEqualTo(previous);
            }
            previous = at;
        }
    }

    private static void post(AppProcess broker, CloudEvent event) {
        HttpMessage message = CloudEventHttp.binary(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.url() + "/kedge/default"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.headers().forEach(request::header);
        try {
            assertThat(HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(202);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code uplink} part of the device's {@code /status}; a missing node while it does not answer. */
    private static JsonNode uplink(AppProcess device) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(device.url() + "/status"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("uplink");
        } catch (IOException e) {
            return MissingNode.getInstance();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Diagnostics(RecordingSink receiver, AppProcess edge, AppProcess device, LocalBroker cloud) {

        String text() {
            return receiver.acceptedIds().size() + " in the cloud; uplink " + uplink(device)
                    + "\n--- edge ---\n" + edge.logTail() + "\n--- device ---\n" + device.logTail()
                    + "\n--- cloud ---\n" + cloud.logTail();
        }
    }
}
