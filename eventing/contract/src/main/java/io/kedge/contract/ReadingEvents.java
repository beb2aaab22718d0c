package io.kedge.contract;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.data.Reading;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Builds {@code io.kedge.reading.v1} events the way every producer must. */
public final class ReadingEvents {

    /**
     * The event for {@code reading}: deterministic id, source {@code /devices/{deviceId}},
     * subject the sensor, time the sample time in UTC.
     *
     * @throws IllegalArgumentException when the reading lacks device, sensor or a zoned time
     */
    public static CloudEvent of(Reading reading) {
        OffsetDateTime sampled = sampleTime(reading);
        return CloudEventBuilder.v1()
                .withId(ReadingIds.of(reading.deviceId(), reading.sensor(), sampled.toInstant()))
                .withSource(Sources.device(reading.deviceId()))
                .withType(EventTypes.READING)
                .withSubject(reading.sensor())
                .withTime(sampled)
                .withDataContentType("application/json")
                .withData(EventData.toJson(reading))
                .build();
    }

    private static OffsetDateTime sampleTime(Reading reading) {
        if (reading.sensor() == null || reading.sensor().isBlank()) {
            throw new IllegalArgumentException("reading of device " + reading.deviceId() + " names no sensor");
        }
        if (reading.time() == null) {
            throw new IllegalArgumentException("reading of device " + reading.deviceId() + " has no sample time");
        }
        try {
            return OffsetDateTime.parse(reading.time()).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("sample time \"" + reading.time() + "\" is not RFC 3339 with a zone offset");
        }
    }

    private ReadingEvents() {
    }
}
