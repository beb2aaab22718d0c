package io.kedge.alert;

import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.testkit.DeliveredEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The events the alert function takes, as the broker delivers them (binary mode). */
public final class Events {

    /** Two hours ago, on the minute: sample times in the past, so that ticks are never capped at the clock. */
    public static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.HOURS);

    public static final String PING = DeliveredEvents.PING;

    public static ValidatedReading reading(String device, String location, long minutes, double celsius, double humidity) {
        return new ValidatedReading(device, location, "dht22", celsius, humidity, null,
                BASE.plus(minutes, ChronoUnit.MINUTES).toString(), List.of());
    }

    public static HttpMessage validated(ValidatedReading reading) {
        return DeliveredEvents.validated(reading);
    }

    public static HttpMessage validated(String id, ValidatedReading reading) {
        return DeliveredEvents.validated(id, reading);
    }

    /** A PingSource tick (with the JSON payload of eventing/k8s/ping-source.yaml). */
    public static HttpMessage tick(String id, Instant time) {
        return DeliveredEvents.ping(id, "/apis/v1/namespaces/kedge/pingsources/alert-tick", time, "{\"check\":\"no-data\"}");
    }

    private Events() {
    }
}
