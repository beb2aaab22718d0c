package io.kedge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.Poll;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that {@code kill -9} of the packaged device source loses nothing its durable buffer
 * took, end to end through the broker into InfluxDB: readings it kept while the broker was down,
 * and MQTT messages it took (PUBACK after fsync) while readings flowed. The device source's own
 * {@code DeviceSourceKillIT} stops at a broker's subscriber; this one counts InfluxDB points.
 */
@ExtendWith(SharedStack.class)
class DeviceSourceKillIT {

    private static final Pattern RECOVERED = Pattern.compile("Recovered (\\d+) buffered events");

    @Test
    void simulatedReadingsBufferedWhileTheBrokerIsDownAreStoredOnceAfterAKill9(FaultStack stack) {
        String device = "fault-device-sim";
        Map<String, String> env = new LinkedHashMap<>(Map.of(
                "KEDGE_DEVICE_ID", device,
                "KEDGE_DEVICE_INTERVAL", "50ms",
                "KEDGE_DEVICE_MIN_INTERVAL_OVERRIDE", "50ms"));

        // GIVEN the broker is down and the simulated DHT11 has readings on disk
        Progress.log("broker: stopped (pid %d) so that the device source buffers", stack.broker.pid());
        stack.broker.stop();
        JsonNode before;
        try (DeviceSource first = stack.startDeviceSource("device-source-sim", env)) {
            Poll.until("100 readings buffered", Duration.ofSeconds(60), Duration.ofMillis(100),
                    () -> first.status().path("buffered").asLong() >= 100, first.app()::logTail);
            before = first.status();
            assertThat(before.path("sent").asLong()).isZero();

            // WHEN it is killed with SIGKILL
            Progress.log("device source: SIGKILL (pid %d) with %d read, %d buffered (%d bytes) (load %s)", first.app().pid(),
                    before.path("read").asLong(), before.path("buffered").asLong(), before.path("bufferedBytes").asLong(),
                    Progress.loadAverage());
            first.app().kill();
        }

        // AND started again on its buffer without a sensor, so that it reads nothing new, and the broker comes back
        env.put("KEDGE_DEVICE_SENSOR", "none");
        try (DeviceSource restarted = stack.startDeviceSource("device-source-sim", env)) {
            long recovered = recovered(restarted.app());
            Progress.log("device source restarted (pid %d): recovered %d buffered readings", restarted.app().pid(), recovered);
            assertThat(recovered).as("readings on disk after the kill").isGreaterThanOrEqualTo(before.path("buffered").asLong());
            stack.broker.restart();
            Progress.log("broker restarted (pid %d)", stack.broker.pid());

            // THEN each of them is stored once, and nothing else
            StoredReadings.await(stack, device, recovered, Duration.ofMinutes(2), () -> restarted.app().logTail() + stack.logs());
            Poll.until("the buffer empty", Duration.ofSeconds(30), Duration.ofMillis(100),
                    () -> restarted.status().path("buffered").asLong() == 0, restarted.app()::logTail);
            List<Long> stored = stack.storedTimes(device);
            JsonNode after = restarted.status();
            assertThat(stored).as("points of %s", device).hasSize((int) recovered).doesNotHaveDuplicates();
            assertThat(after.path("sent").asLong()).isEqualTo(recovered);
            assertThat(after.path("dropped").asLong()).isZero();
            Progress.log("RESULT device-source-kill (buffered): %d readings read before the kill, %d kept and recovered,"
                    + " %d stored once each; load %s", before.path("read").asLong(), recovered, stored.size(),
                    Progress.loadAverage());
        }
    }

    @Test
    void mqttReadingsTakenBeforeAKill9UnderLoadAreStoredOnce(FaultStack stack) {
        String device = "fault-device-mqtt";
        String topic = "kedge/" + device + "/reading";
        try (DeviceSource source = stack.startDeviceSource("device-source-mqtt", stack.mqttBridge("bridge-kill", topic))) {
            AppProcess bridge = source.app();
            stack.awaitSubscribed(source, topic);
            try (MqttLoad load = MqttLoad.start(stack.mosquitto.port(), topic, device, 40)) {
                // GIVEN readings flowing from a gateway through the bridge into InfluxDB
                Poll.until("the first readings of " + device + " stored", Duration.ofSeconds(60), Duration.ofMillis(250),
                        () -> stack.storedCount(device) >= 150, source::describe);

                // WHEN the device source is killed with SIGKILL and started again on its buffer
                long published = load.acknowledgedCount();
                JsonNode before = source.status();
                Progress.log("device source (MQTT bridge): SIGKILL (pid %d) with %d published, %d taken by the bridge,"
                        + " %d buffered, %d stored (load %s)", bridge.pid(), published, before.path("mqtt").path("accepted").asLong(),
                        before.path("buffered").asLong(), stack.storedCount(device), Progress.loadAverage());
                bridge.kill();
                long down = System.nanoTime();
                bridge.restart();
                double restart = (System.nanoTime() - down) / 1e9;
                Progress.log("device source restarted (pid %d) in %.1f s; %s", bridge.pid(), restart,
                        RECOVERED.matcher(bridge.logText()).results().reduce((a, b) -> b).map(m -> m.group())
                                .orElse("its buffer was empty"));
                Poll.until("readings published after the restart", Duration.ofSeconds(60), Duration.ofMillis(100),
                        () -> load.acknowledgedCount() >= published + 200, source::describe);
                Set<Long> sent = load.stop();
                assertThat(load.failed()).as("messages Mosquitto never acknowledged").isZero();

                // THEN every message Mosquitto acknowledged is stored, once
                StoredReadings.await(stack, device, sent.size(), Duration.ofSeconds(60), source::describe);
                StoredReadings.assertStoredOnce(stack, device, new HashSet<>(sent));
                Progress.log("RESULT device-source-kill (MQTT under load): device source down %.1f s (kill -9 to ready) at 40"
                        + " messages/s; published %d, stored %d once each; %d MQTT connections of the bridge over both"
                        + " starts; load %s", restart, sent.size(), stack.storedCount(device), source.mqttConnections(),
                        Progress.loadAverage());
            }
        }
    }

    private static long recovered(AppProcess device) {
        Matcher matcher = RECOVERED.matcher(device.logText());
        assertThat(matcher.find()).as("the restarted device source logs what it recovered: %s", device.logTail()).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
