package io.kedge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.testkit.Poll;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that when the device source's buffer reaches its disk limit while the broker is down,
 * it drops the oldest readings and reports exactly how many: after the broker returns, the
 * readings the sensor took minus the readings stored equals the {@code dropped} of
 * {@code /status} and of {@code kedge_device_dropped_total{reason="overflow"}}.
 *
 * <p>"Taken" is the {@code read} count of the device source's last progress line, written when it
 * stops (SIGTERM) after the polling has ended; it then starts again on the same buffer without a
 * sensor, so that the count stays final while the backlog drains. The drop count lives in the
 * buffer file and survives that restart.
 */
@ExtendWith(SharedStack.class)
class BufferDiskLimitIT {

    private static final String DEVICE = "fault-disk";
    /** About 90 readings: a limit the simulated sensor reaches in seconds. */
    private static final String MAX_SIZE = "32K";
    private static final Pattern RECOVERED = Pattern.compile("Recovered \\d+ buffered events \\([^)]*\\)");
    private static final Pattern STOPPING = Pattern.compile("Stopping: read (\\d+) .*buffered (\\d+), dropped (\\d+)");

    @Test
    void theReadingsDroppedAtTheDiskLimitAreExactlyTheReadingsTakenButNotStored(FaultStack stack) {
        Map<String, String> env = new LinkedHashMap<>(Map.of(
                "KEDGE_DEVICE_ID", DEVICE,
                "KEDGE_DEVICE_INTERVAL", "20ms",
                "KEDGE_DEVICE_MIN_INTERVAL_OVERRIDE", "20ms",
                "KEDGE_DEVICE_BUFFER_MAX_SIZE", MAX_SIZE));

        // GIVEN the broker is down
        Progress.log("broker: stopped (pid %d) so that the device source's %s buffer fills", stack.broker.pid(), MAX_SIZE);
        stack.broker.stop();

        // WHEN the simulated sensor takes more readings than the buffer holds, and the device source stops
        long taken;
        long droppedAtStop;
        try (DeviceSource device = stack.startDeviceSource("device-source-disk", env)) {
            Poll.until("200 readings dropped at the disk limit", Duration.ofSeconds(60), Duration.ofMillis(100),
                    () -> device.status().path("dropped").asLong() >= 200, device.app()::logTail);
            JsonNode full = device.status();
            Progress.log("buffer full: %d read, %d buffered (%d bytes), %d dropped (load %s)", full.path("read").asLong(),
                    full.path("buffered").asLong(), full.path("bufferedBytes").asLong(), full.path("dropped").asLong(),
                    Progress.loadAverage());
            device.app().stop();
            Matcher stopping = STOPPING.matcher(device.app().logText());
            assertThat(stopping.find()).as("the device source's last progress line: %s", device.app().logTail()).isTrue();
            taken = Long.parseLong(stopping.group(1));
            droppedAtStop = Long.parseLong(stopping.group(3));
            Progress.log("device source stopped (SIGTERM): %s", stopping.group());
        }

        // AND it starts again on its buffer without a sensor, and the broker comes back
        env.put("KEDGE_DEVICE_SENSOR", "none");
        try (DeviceSource device = stack.startDeviceSource("device-source-disk", env)) {
            Progress.log("device source restarted without a sensor (pid %d): %s", device.app().pid(),
                    RECOVERED.matcher(device.app().logText()).results().map(MatchResult::group).findFirst().orElse("empty buffer"));
            stack.broker.restart();
            Progress.log("broker restarted (pid %d)", stack.broker.pid());

            // THEN taken − stored is exactly the number dropped, by /status and by the metric
            StoredReadings.await(stack, DEVICE, taken - droppedAtStop, Duration.ofMinutes(2), device.app()::logTail);
            Poll.until("the buffer empty", Duration.ofSeconds(30), Duration.ofMillis(100),
                    () -> device.status().path("buffered").asLong() == 0, device.app()::logTail);
            List<Long> stored = stack.storedTimes(DEVICE);
            long dropped = device.status().path("dropped").asLong();
            double metric = FaultStack.metric(device.app(), "kedge_device_dropped_total", "reason=\"overflow\"");
            Progress.log("RESULT buffer-disk-limit: buffer %s; taken %d, stored %d, dropped %d (/status) and %.0f (metric);"
                    + " taken - stored = %d; load %s", MAX_SIZE, taken, stored.size(), dropped, metric, taken - stored.size(),
                    Progress.loadAverage());
            assertThat(dropped).as("readings dropped at the disk limit").isPositive().isEqualTo(droppedAtStop);
            assertThat(stored).doesNotHaveDuplicates();
            assertThat(taken - stored.size()).as("readings taken but not stored").isEqualTo(dropped);
            assertThat(metric).isEqualTo((double) dropped);
        }
    }
}
