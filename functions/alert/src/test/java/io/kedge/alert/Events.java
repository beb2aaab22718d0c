package io.kedge.alert;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.ValidatedReading;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The events the alert function takes, as the broker delivers them (binary mode). */
public final class Events {

    /** Two hours ago, on the minute: sample times in the past, so that ticks are never capped at the clock. */
    public static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.HOURS);

    public static final String PING = "dev.knative.sources.ping";

    public static ValidatedReading reading(String device, String location, long minutes, double celsius, double humidity) {
        return new ValidatedReading(device, location, "dht22", celsius, humidity, null,
                BASE.plus(minutes, ChronoUnit.MINUTES).toString(), List.of());
    }

    /** The validated-reading event validate replies with; the id derives from device and time. */
    public static HttpMessage validated(ValidatedReading reading) {
        return validated(reading.deviceId() + "/" + reading.time() + "/validated", reading);
    }

    public static HttpMessage validated(String id, ValidatedReading reading) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/functions/validate"))
                .withType(EventTypes.READING_VALIDATED)
                .withSubject(reading.sensor())
                .withTime(Instant.parse(reading.time()).atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventData.toJson(reading))
                .build();
        return CloudEventHttp.binary(event);
    }

    /** A PingSource tick as Knative sends it (with the JSON payload of eventing/k8s/ping-source.yaml). */
    public static HttpMessage tick(String id, Instant time) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/apis/v1/namespaces/kedge/pingsources/alert-tick"))
                .withType(PING)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData("{\"check\":\"no-data\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .build();
        return CloudEventHttp.binary(event);
    }

    private Events() {
    }
}
