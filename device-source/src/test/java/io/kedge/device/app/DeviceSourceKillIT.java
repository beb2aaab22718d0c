package io.kedge.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.kedge.device.LocalBroker;
import io.kedge.device.RecordingSink;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies that the packaged device source survives {@code kill -9}: readings it reported as
 * buffered while the broker was down are on disk, and after a restart they all reach the real
 * broker, once each (several at once: the default send window).
 */
class DeviceSourceKillIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final String DEVICE = "pi-kill-test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path buffer;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        started.add(0, closeable);
        return closeable;
    }

    private Map<String, String> environment(int brokerPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("K_SINK", LocalBroker.ingress(brokerPort));
        env.put("KEDGE_DEVICE_ID", DEVICE);
        env.put("KEDGE_DEVICE_BUFFER_DIR", buffer.toString());
        env.put("KEDGE_DEVICE_INTERVAL", "100ms");
        env.put("KEDGE_DEVICE_MIN_INTERVAL_OVERRIDE", "50ms");
        env.put("KEDGE_DEVICE_SIMULATED_FAULT_RATE", "0");
        env.put("KEDGE_DEVICE_SIMULATED_OUTAGE_RATE", "0");
        env.put("KEDGE_DEVICE_RETRY_MAX_DELAY", "1s");
        return env;
    }

    private static JsonNode status(AppProcess device) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(device.url() + "/status"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readingsBufferedBeforeAKill9AreAllDeliveredAfterTheRestart() {
        int brokerPort = FreePorts.next();
        RecordingSink subscriber = track(RecordingSink.start());

        // GIVEN the broker is down and the device has buffered readings on disk
        AppProcess device = track(AppProcess.start("device-source", JAR, environment(brokerPort)));
        Poll.until("30 readings buffered", WAIT, () -> status(device).get("buffered").asLong() >= 30);
        JsonNode before = status(device);
        assertThat(before.get("sent").asLong()).isZero();

        // WHEN it is killed with SIGKILL, and started again with no sensor, so that nothing new is read
        device.kill();
        Map<String, String> noSensor = environment(brokerPort);
        noSensor.put("KEDGE_DEVICE_SENSOR", "none");
        AppProcess restarted = track(AppProcess.start("device-source-restarted", JAR, noSensor));
        long recovered = status(restarted).get("buffered").asLong();
        assertThat(recovered).as("reported buffered before the kill, found after it").isGreaterThanOrEqualTo(
                before.get("buffered").asLong());
        assertThat(restarted.logText()).contains("Recovered " + recovered + " buffered events");

        // AND the broker comes up
        track(LocalBroker.start(brokerPort, subscriber.url()));

        // THEN all of them arrive, once each
        Poll.until("the backlog delivered", WAIT, Duration.ofMillis(200), () -> status(restarted).get("sent").asLong() == recovered
                && status(restarted).get("buffered").asLong() == 0, () -> status(restarted).toString());
        Poll.until(recovered + " readings at the subscriber", WAIT,
                () -> subscriber.acceptedIds().stream().distinct().count() == recovered);
        List<CloudEvent> received = subscriber.acceptedEvents();
        assertThat(received).extracting(CloudEvent::getId).doesNotHaveDuplicates();
        assertThat(received).allSatisfy(e -> assertThat(e.getSource()).hasToString("/devices/" + DEVICE));
        assertThat(status(restarted).get("dropped").asLong()).isZero();
    }
}
