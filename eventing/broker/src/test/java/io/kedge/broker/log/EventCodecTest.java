package io.kedge.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.broker.route.BrokerKey;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.fixtures.Readings;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Verifies that an event read back from the store is the event that was stored, attribute types included. */
class EventCodecTest {

    @Test
    void readingRoundTripsUnchanged() {
        CloudEvent reading = ReadingEvents.of(Readings.DHT11_LIVINGROOM);

        assertThat(EventCodec.decode(EventCodec.encode(reading))).isEqualTo(reading);
    }

    @Test
    void everyAttributeKeepsItsType() {
        CloudEvent event = CloudEventBuilder.v1()
                .withId("e-1")
                .withSource(URI.create("/devices/pi-1"))
                .withType("test.types")
                .withSubject("dht11")
                .withTime(OffsetDateTime.parse("2026-11-27T10:15:30.123456Z"))
                .withDataSchema(URI.create("https://kedge.io/schemas/reading.json"))
                .withDataContentType("application/json")
                .withExtension("knativebrokerttl", 254)
                .withExtension("knativearrivaltime", OffsetDateTime.parse("2026-11-27T10:15:31.000001Z"))
                .withExtension("urgent", true)
                .withExtension("site", "garage")
                .withExtension("origin", URI.create("mqtt://broker/topic"))
                .withData("{\"t\":21}".getBytes())
                .build();

        CloudEvent back = EventCodec.decode(EventCodec.encode(event));

        assertThat(back).isEqualTo(event);
        assertThat(back.getExtension("knativebrokerttl")).isEqualTo(254);
        assertThat(back.getExtension("knativearrivaltime")).isInstanceOf(OffsetDateTime.class);
        assertThat(back.getExtension("urgent")).isEqualTo(true);
        assertThat(back.getExtension("origin")).isEqualTo(URI.create("mqtt://broker/topic"));
    }

    @Test
    void eventWithoutDataStaysWithoutData() {
        CloudEvent event = CloudEventBuilder.v1().withId("e-2").withSource(URI.create("/x")).withType("t").build();

        CloudEvent back = EventCodec.decode(EventCodec.encode(event));

        assertThat(back.getData()).isNull();
        assertThat(back).isEqualTo(event);
    }

    @Test
    void largeDataAndLongStringsSurvive() {
        byte[] data = new byte[256 * 1024];
        Arrays.fill(data, (byte) 'x');
        CloudEvent event = CloudEventBuilder.v1().withId("e-3").withSource(URI.create("/x")).withType("t")
                .withExtension("long", "y".repeat(70_000)) // past DataOutputStream.writeUTF's 64 KiB limit
                .withDataContentType("application/octet-stream").withData(data).build();

        assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void binaryModeEncodingOfTheStoredEventIsTheSame() {
        CloudEvent reading = ReadingEvents.of(Readings.BME280_OFFICE);

        CloudEvent back = EventCodec.decode(EventCodec.encode(reading));

        assertThat(CloudEventHttp.binary(back).headers()).isEqualTo(CloudEventHttp.binary(reading).headers());
    }

    @Test
    void logEntryKeepsItsBroker() {
        CloudEvent reading = ReadingEvents.of(Readings.DHT11_LIVINGROOM);

        LogEntry entry = LogEntry.decode(7, LogEntry.encode(new BrokerKey("kedge", "default"), reading));

        assertThat(entry).isEqualTo(new LogEntry(7, new BrokerKey("kedge", "default"), reading));
    }

    @Test
    void unknownFormatVersionIsRefusedNotMisread() {
        byte[] stored = EventCodec.encode(ReadingEvents.of(Readings.DHT11_LIVINGROOM));
        stored[0] = 99;

        assertThatThrownBy(() -> EventCodec.decode(stored)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("unreadable").hasRootCauseMessage("stored event has format version 99, this broker reads 1");
    }
}
