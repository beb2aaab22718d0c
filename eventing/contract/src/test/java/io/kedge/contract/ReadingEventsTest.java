package io.kedge.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.data.Reading;
import io.kedge.contract.fixtures.Readings;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReadingEventsTest {

    @Test
    void readingEventNamesDeviceSensorAndSampleTime() {
        CloudEvent event = ReadingEvents.of(Readings.DHT11_LIVINGROOM);

        assertThat(event.getType()).isEqualTo(EventTypes.READING);
        assertThat(event.getSource()).hasToString("/devices/pi-livingroom");
        assertThat(event.getSubject()).isEqualTo("dht11");
        assertThat(event.getTime().toInstant()).isEqualTo(Instant.parse(Readings.SAMPLE_TIME));
        assertThat(EventData.read(event, Reading.class)).isEqualTo(Readings.DHT11_LIVINGROOM);
    }

    @Test
    void sameSampleGivesSameIdWhateverTheZoneItWasWrittenIn() {
        Reading utc = Readings.DHT11_LIVINGROOM;
        Reading paris = new Reading(utc.deviceId(), utc.location(), utc.sensor(), utc.temperature(),
                utc.humidity(), null, "2026-11-27T11:15:30+01:00");

        assertThat(ReadingEvents.of(paris).getId()).isEqualTo(ReadingEvents.of(utc).getId());
        assertThat(ReadingEvents.of(paris).getTime().getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void idsDifferPerDeviceSensorAndTime() {
        Instant t = Instant.parse(Readings.SAMPLE_TIME);
        String id = ReadingIds.of("pi-1", "dht11", t);

        assertThat(ReadingIds.of("pi-2", "dht11", t)).isNotEqualTo(id);
        assertThat(ReadingIds.of("pi-1", "dht22", t)).isNotEqualTo(id);
        assertThat(ReadingIds.of("pi-1", "dht11", t.plusSeconds(2))).isNotEqualTo(id);
        assertThat(ReadingIds.of("pi-1", "dht11", t)).isEqualTo(id);
        assertThat(java.util.UUID.fromString(id).version()).isEqualTo(5);
    }

    @Test
    void deviceIdsWithSpacesStayReadableInTheSource() {
        Reading odd = new Reading("pi kitchen/2", "kitchen", "dht11", 20.0, 40.0, null, Readings.SAMPLE_TIME);

        CloudEvent event = ReadingEvents.of(odd);

        assertThat(Sources.deviceOf(event.getSource())).isEqualTo("pi kitchen/2");
        assertThat(CloudEventHttp.decode(CloudEventHttp.binary(event)).getSource()).isEqualTo(event.getSource());
    }

    @Test
    void zonelessSampleTimeCannotBecomeAnEvent() {
        assertThatThrownBy(() -> ReadingEvents.of(Readings.DHT11_ZONELESS_TIME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-11-27T10:15:30");
    }
}
