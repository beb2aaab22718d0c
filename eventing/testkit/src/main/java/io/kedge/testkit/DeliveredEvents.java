package io.kedge.testkit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.ValidatedReading;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

/** Events as the broker delivers them to a function (binary mode), for the functions' tests. */
public final class DeliveredEvents {

    /** {@code type} of a Knative PingSource's events. */
    public static final String PING = "dev.knative.sources.ping";

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

    /**
     * A tick as Knative's PingSource sends it.
     *
     * @param source {@code /apis/v1/namespaces/<ns>/pingsources/<name>}
     * @param json   the PingSource's {@code data}
     */
    public static HttpMessage ping(String id, String source, Instant time, String json) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(source))
                .withType(PING)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json.getBytes(StandardCharsets.UTF_8))
                .build();
        return CloudEventHttp.binary(event);
    }

    private DeliveredEvents() {
    }
}
