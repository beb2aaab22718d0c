package io.kedge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.testkit.Poll;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies the promise of the MQTT bridge's persistent session: messages published while the
 * device source is away wait at Mosquitto, and all of them are stored once it is back. 400
 * messages is 10 s of a gateway at 40/s, well inside Mosquitto's default queue of 1,000 per
 * session.
 *
 * <p>Failed when the bridge was SmallRye's MQTT channel: it buffered at most {@code buffer-size}
 * (128) messages its consumer had not taken, Mosquitto hands the whole backlog over at connect, and
 * the channel failed for good with {@code BackPressureFailure} (SRMSG17105; see README, "Findings").
 */
@ExtendWith(SharedStack.class)
class MqttBacklogIT {

    private static final String DEVICE = "fault-backlog";
    private static final String TOPIC = "kedge/" + DEVICE + "/reading";
    private static final int BACKLOG = 400;

    @Test
    void messagesQueuedAtMosquittoWhileTheBridgeIsAwayAreAllStoredOnceItIsBack(FaultStack stack) {
        try (DeviceSource bridge = stack.startDeviceSource("device-source-backlog", stack.mqttBridge("bridge-backlog", TOPIC))) {
            stack.awaitSubscribed(bridge, TOPIC);

            // GIVEN the device source is stopped, its persistent session left at Mosquitto
            Progress.log("device source (MQTT bridge): stopped (pid %d)", bridge.app().pid());
            bridge.app().stop();

            // WHEN a gateway publishes meanwhile
            Set<Long> sent;
            try (MqttLoad load = MqttLoad.start(stack.mosquitto.port(), TOPIC, DEVICE, 200, BACKLOG)) {
                Poll.until(BACKLOG + " messages published", Duration.ofSeconds(60), Duration.ofMillis(100), load::finished,
                        null);
                sent = load.stop();
                assertThat(load.failed()).isZero();
            }

            // AND the device source starts again
            bridge.app().restart();
            Progress.log("device source restarted (pid %d) with %d messages waiting at Mosquitto", bridge.app().pid(),
                    sent.size());

            // THEN every message is stored, once
            StoredReadings.await(stack, DEVICE, sent.size(), Duration.ofSeconds(60), bridge::describe);
            StoredReadings.assertStoredOnce(stack, DEVICE, sent);
            Progress.log("RESULT mqtt-backlog: %d messages queued while the bridge was away, %d stored once each; load %s",
                    sent.size(), stack.storedCount(DEVICE), Progress.loadAverage());
        }
    }
}
