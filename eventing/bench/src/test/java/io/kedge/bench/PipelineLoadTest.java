package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.bench.PipelineLoad.Ingress;
import io.kedge.bench.load.EventSender;
import io.kedge.bench.load.MqttSender;
import io.kedge.bench.load.SendResult;
import io.kedge.contract.EventData;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verifies the end-to-end benchmark's readings: the split between MQTT and HTTP, that every reading
 * is a point of its own in InfluxDB, which fire and which are probes, and how answers are counted.
 */
class PipelineLoadTest {

    private static final long TEN_THOUSAND_PER_SECOND = 100_000L; // ns between two readings

    @ParameterizedTest(name = "share {0}: {1} of 1,000 over MQTT")
    @CsvSource({"0, 0", "0.5, 500", "0.25, 250", "1, 1000"})
    void theShareOfReadingsGoesOverMqtt(double share, int expected) {
        PipelineLoad load = new PipelineLoad("t", "bench-t", share, null);

        long mqtt = 0;
        for (long n = 0; n < 1_000; n++) {
            mqtt += load.ingress(n) == Ingress.MQTT ? 1 : 0;
        }

        assertThat(mqtt).isEqualTo(expected);
    }

    @Test
    void atTenThousandPerSecondEveryReadingIsAPointOfItsOwnAndBothPathsCarryFiringReadingsAndProbes() {
        PipelineLoad load = new PipelineLoad("t", "bench-t", 0.5, null);
        long start = System.nanoTime();
        Set<String> points = new HashSet<>();
        List<Reading> readings = new ArrayList<>();
        Set<Ingress> firingPaths = new HashSet<>();
        Set<String> probeDevices = new HashSet<>();
        int mqtt = 0;

        for (int i = 0; i < 20_000; i++) {
            HttpMessage message = load.event(3, i, start + i * TEN_THOUSAND_PER_SECOND, 1_000, 200);
            boolean overMqtt = MqttSender.isMqtt(message);
            Reading reading = overMqtt ? EventData.read(message.body(), Reading.class)
                    : EventData.read(CloudEventHttp.decode(message), Reading.class);
            mqtt += overMqtt ? 1 : 0;
            if (overMqtt) {
                assertThat(message.header(MqttSender.TOPIC)).isEqualTo("kedge/" + reading.deviceId() + "/reading");
            }
            points.add(reading.deviceId() + "@" + Instant.parse(reading.time()).toEpochMilli());
            readings.add(reading);
            if (reading.temperature() > 30) {
                firingPaths.add(overMqtt ? Ingress.MQTT : Ingress.HTTP);
            }
            if (reading.deviceId().contains("-probe-")) {
                probeDevices.add(reading.deviceId() + (overMqtt ? " over mqtt" : " over http"));
            }
        }

        assertThat(points).as("distinct (device, sample ms): InfluxDB keeps each").hasSize(20_000);
        assertThat(mqtt).as("about half: firing readings and probes alternate by their own count").isBetween(9_900, 10_100);
        assertThat(readings).filteredOn(r -> r.temperature() > 30).hasSize(20)
                .extracting(Reading::deviceId).doesNotHaveDuplicates().allMatch(d -> d.startsWith("t-p3-fire-"));
        assertThat(firingPaths).containsExactlyInAnyOrder(Ingress.HTTP, Ingress.MQTT);
        assertThat(readings).filteredOn(r -> r.deviceId().contains("-probe-")).hasSize(100);
        assertThat(probeDevices).containsExactlyInAnyOrder("t-probe-http over http", "t-probe-mqtt over mqtt");
        assertThat(load.firingReading("t-p3-fire-1000")).isNotNull().extracting(AlertLoad.Sent::phase).isEqualTo(3);
        assertThat(load.firingReading("t-d5")).isNull();
    }

    @Test
    void theSampleTimeIsWhenTheReadingIsDue() {
        PipelineLoad load = new PipelineLoad("t", "bench-t", 0, null);
        long start = System.nanoTime();

        CloudEvent first = CloudEventHttp.decode(load.event(1, 1, start, 10, 10));
        CloudEvent later = CloudEventHttp.decode(load.event(1, 2, start + 250_000_000L, 10, 10));

        assertThat(Duration.between(first.getTime(), later.getTime()).toMillis()).isBetween(249L, 251L);
        assertThat(load.wallMillis(start + 250_000_000L) - load.wallMillis(start)).isBetween(249L, 251L);
    }

    @Test
    void answersAreCountedByPathAndOnlyAcceptedFiringReadingsAreExpectedToFire() {
        PipelineLoad load = new PipelineLoad("t", "bench-t", 0.5, null);
        EventSender answers = new EventSender() {
            @Override
            public CompletionStage<SendResult> send(HttpMessage message) {
                if (MqttSender.isMqtt(message)) {
                    return CompletableFuture.completedFuture(new SendResult(200, null)); // PUBACK
                }
                // the broker's backpressure hits the hot readings posted over HTTP
                boolean hot = EventData.read(message.body(), Reading.class).temperature() > 30;
                return CompletableFuture.completedFuture(new SendResult(hot ? 503 : 202, null));
            }

            @Override
            public void close() {
            }
        };
        PipelineLoad.Tally tally = load.newTally();
        EventSender counting = load.counting(answers);

        for (int i = 0; i < 40; i++) {
            counting.send(load.event(1, i, System.nanoTime(), 10, 1_000));
        }

        // odd readings over MQTT, even ones over HTTP; but the probe (reading 1) and the firing readings
        // (0, 10, 20, 30) alternate by their own count: the probe and firing readings 0 and 20 over HTTP
        assertThat(tally.mqttAcked.sum()).isEqualTo(21);
        assertThat(tally.httpAccepted.sum()).isEqualTo(17);
        assertThat(tally.httpRefused.sum()).isEqualTo(2);
        assertThat(tally.accepted()).isEqualTo(38);
        assertThat(tally.firingIn.sum()).as("10 and 30, acknowledged by Mosquitto; 0 and 20 refused").isEqualTo(2);
    }
}
