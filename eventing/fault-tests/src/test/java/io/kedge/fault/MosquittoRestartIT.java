package io.kedge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.testkit.Poll;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that a Mosquitto restart while a gateway publishes at QoS 1 loses nothing: Mosquitto
 * keeps the bridge's persistent session and its queued messages across the restart, the bridge
 * reconnects (every second) and acknowledges a message only once its reading is on disk, and the
 * gateway publishes again what Mosquitto did not acknowledge. Every acknowledged message ends up
 * in InfluxDB once.
 */
@ExtendWith(SharedStack.class)
class MosquittoRestartIT {

    private static final String DEVICE = "fault-mosquitto";
    private static final String TOPIC = "kedge/" + DEVICE + "/reading";
    private static final int PER_SECOND = 40;
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @Test
    void everyMessageMosquittoAcknowledgedAroundItsRestartIsStoredOnce(FaultStack stack) {
        try (DeviceSource bridge = stack.startDeviceSource("device-source-mosquitto", stack.mqttBridge("bridge-restart", TOPIC))) {
            stack.awaitSubscribed(bridge, TOPIC);
            try (MqttLoad load = MqttLoad.start(stack.mosquitto.port(), TOPIC, DEVICE, PER_SECOND)) {
                // GIVEN readings flowing from a gateway through Mosquitto and the bridge into InfluxDB
                Poll.until("the first readings of " + DEVICE + " stored", Duration.ofSeconds(60), Duration.ofMillis(250),
                        () -> stack.storedCount(DEVICE) >= 150, bridge::describe);

                // WHEN Mosquitto is stopped (SIGTERM, which saves its persistent state) for a few seconds and started
                // again on its port, the gateway retrying and the bridge reconnecting meanwhile
                long published = load.acknowledgedCount();
                Progress.log("mosquitto: stopping (pid %d) for %d s with %d published, %d stored (load %s)",
                        stack.mosquitto.pid(), OUTAGE.toSeconds(), published, stack.storedCount(DEVICE), Progress.loadAverage());
                long down = System.nanoTime();
                stack.mosquitto.stop();
                StoredReadings.hold(OUTAGE, () -> { });
                stack.mosquitto.restart();
                double outage = (System.nanoTime() - down) / 1e9;
                Progress.log("mosquitto back on its port (pid %d) after %.1f s down; %d published", stack.mosquitto.pid(),
                        outage, load.acknowledgedCount());
                Poll.until("readings published after the restart", Duration.ofSeconds(60), Duration.ofMillis(100),
                        () -> load.acknowledgedCount() >= published + 200, bridge::describe);
                Set<Long> sent = load.stop();
                assertThat(load.failed()).as("messages Mosquitto never acknowledged").isZero();

                // THEN every acknowledged message is stored, once
                StoredReadings.await(stack, DEVICE, sent.size(), Duration.ofSeconds(60), bridge::describe);
                StoredReadings.assertStoredOnce(stack, DEVICE, sent);
                Progress.log("RESULT mosquitto-restart: Mosquitto down %.1f s at %d messages/s; published %d, stored %d once"
                        + " each; the bridge took %d messages (redeliveries included) over %d MQTT connections, %d not kept;"
                        + " load %s", outage, PER_SECOND, sent.size(), stack.storedCount(DEVICE), bridge.mqttAccepted(),
                        bridge.mqttConnections(), bridge.status().path("mqtt").path("notKept").asLong(), Progress.loadAverage());
            }
        }
    }
}
