package io.kedge.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.device.LocalBroker;
import io.kedge.device.actuator.AlertEvents;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies the actuator path as deployed: an alert posted to the real local broker, running on the
 * repository's own eventing/k8s manifests, reaches the packaged device source through the
 * actuator Triggers and switches its GPIO output (Pi4J's mock platform) on, and its resolution off.
 */
class ActuatorThroughBrokerIT {

    private static final Path DEVICE_JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final String DEVICE = "pi-actuator-it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void anAlertThroughTheBrokerSwitchesTheMappedOutput() {
        int brokerPort = FreePorts.next();
        try (AppProcess device = AppProcess.start("device-source", DEVICE_JAR, Map.of(
                "KEDGE_DEVICE_ID", DEVICE,
                "KEDGE_DEVICE_SENSOR", "none",
                "KEDGE_DEVICE_BUFFER_DIR", dir.resolve("buffer").toString(),
                "KEDGE_DEVICE_PI4J_PLATFORM", "mock",
                "KEDGE_DEVICE_ACTUATOR_PINS", "temperature-high=17",
                "K_SINK", LocalBroker.ingress(brokerPort)));
             AppProcess broker = AppProcess.start("broker", LocalBroker.jar(), brokerPort, Map.of(
                     "KEDGE_BROKER_MANIFESTS", Repo.path("eventing/k8s").toString(),
                     "KEDGE_BROKER_SERVICES", Repo.path("eventing/local/services.properties").toString(),
                     "KEDGE_BROKER_DATA", dir.resolve("broker").toString(),
                     "KEDGE_SERVICE_KEDGE_DEVICE_SOURCE", device.url()))) {

            post(broker, AlertEvents.fired("temperature-high", DEVICE, "livingroom"));
            Poll.until("GPIO17 on", WAIT, Duration.ofMillis(100), () -> gpio17(device).path("on").asBoolean(),
                    () -> gpio17(device) + "\n--- broker ---\n" + broker.logTail() + "\n--- device ---\n" + device.logTail());
            assertThat(gpio17(device).path("incidents").get(0).asText()).isEqualTo("temperature-high/" + DEVICE);

            post(broker, AlertEvents.resolved("temperature-high", DEVICE, "livingroom"));
            Poll.until("GPIO17 off", WAIT, Duration.ofMillis(100), () -> !gpio17(device).path("on").asBoolean(),
                    () -> gpio17(device).toString());
        }
    }

    private static void post(AppProcess broker, CloudEvent event) {
        HttpMessage message = CloudEventHttp.binary(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.url() + "/kedge/default"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.headers().forEach(request::header);
        assertThat(send(request.build()).statusCode()).isEqualTo(202);
    }

    /** GPIO17 as {@code GET /actuator} shows it; a missing node while the device does not answer. */
    private static JsonNode gpio17(AppProcess device) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(device.url() + "/actuator"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode outputs = JSON.readTree(response.body()).path("outputs");
            for (JsonNode output : outputs) {
                if (output.path("gpio").asInt() == 17) {
                    return output;
                }
            }
            throw new AssertionError("no GPIO17 in " + outputs);
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
