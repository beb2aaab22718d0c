package io.kedge.grafana.pipeline;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingIds;
import io.kedge.contract.data.Alert;
import io.kedge.contract.data.ValidatedReading;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The events fed through the store function: an hour of validated readings of five devices, as
 * validate replies them, and alert events, as the alert function announces them. The devices
 * cover what the dashboard's variables must cope with: a device without location, and tag values
 * with characters that are special in regular expressions.
 */
public final class Feed {

    /** @param location null: the device reports none, so its points have no location tag */
    public record Device(String id, String location, double temperature, double humidity) {
    }

    public static final Device LIVINGROOM = new Device("pi-livingroom", "livingroom", 21.0, 45.0);
    public static final Device KITCHEN = new Device("pi-kitchen", "kitchen", 24.0, 50.0);
    /** Hot: above the 30 °C of grafana-temperature-high, so that rule fires for it alone. */
    public static final Device GARAGE = new Device("pi-garage", "garage", 35.0, 60.0);
    public static final Device SHED = new Device("pi-shed", null, 12.0, 70.0);
    public static final Device LAB = new Device("lab/pi.2", "lab (east)", 22.5, 40.0);
    public static final List<Device> DEVICES = List.of(LIVINGROOM, KITCHEN, GARAGE, SHED, LAB);

    /** Readings per device: one a minute, the newest {@link #NEWEST_AGE_SECONDS} before the feed. */
    public static final int MINUTES = 60;
    public static final int NEWEST_AGE_SECONDS = 5;
    static final String SENSOR = "dht22";

    public static List<CloudEvent> readings(Instant now) {
        List<CloudEvent> events = new ArrayList<>();
        for (int minute = MINUTES - 1; minute >= 0; minute--) {
            Instant sampled = now.minusSeconds(minute * 60L + NEWEST_AGE_SECONDS).truncatedTo(ChronoUnit.SECONDS);
            for (Device device : DEVICES) {
                double wave = Math.round(5 * Math.sin(minute / 5.0)) / 10.0;
                events.add(validated(new ValidatedReading(device.id(), device.location(), SENSOR,
                        device.temperature() + wave, device.humidity() - wave, null, sampled.toString(), List.of())));
            }
        }
        return events;
    }

    /**
     * A resolved incident of the kitchen, a no-data incident of the shed (no location) and a
     * firing one of the lab, all within the last hour.
     */
    public static List<CloudEvent> alerts(Instant now) {
        Instant kitchenStart = now.minus(50, ChronoUnit.MINUTES);
        Instant kitchenEnd = now.minus(40, ChronoUnit.MINUTES);
        Instant shedStart = now.minus(20, ChronoUnit.MINUTES);
        Instant labStart = now.minus(10, ChronoUnit.MINUTES);
        return List.of(
                alert(EventTypes.ALERT_FIRED, new Alert("temperature-high", "warning", KITCHEN.id(), KITCHEN.location(),
                        "temperature", 31.0, 30.0, kitchenStart.toString(), null, "a1b2c3d4e5f60718")),
                alert(EventTypes.ALERT_RESOLVED, new Alert("temperature-high", "warning", KITCHEN.id(), KITCHEN.location(),
                        "temperature", 27.5, 28.0, kitchenStart.toString(), kitchenEnd.toString(), "a1b2c3d4e5f60718")),
                alert(EventTypes.ALERT_FIRED, new Alert("device-silent", "critical", SHED.id(), null,
                        null, 300.0, 300.0, shedStart.toString(), null, "0f1e2d3c4b5a6978")),
                alert(EventTypes.ALERT_FIRED, new Alert("temperature-high", "warning", LAB.id(), LAB.location(),
                        "temperature", 30.5, 30.0, labStart.toString(), null, "99aa88bb77cc66dd")));
    }

    /** As validate replies it: id derived from the reading's, source the function. */
    static CloudEvent validated(ValidatedReading reading) {
        Instant sampled = Instant.parse(reading.time());
        return CloudEventBuilder.v1()
                .withId(ReadingIds.of(reading.deviceId(), reading.sensor(), sampled) + "/validated")
                .withSource(URI.create("/functions/validate"))
                .withType(EventTypes.READING_VALIDATED)
                .withSubject(reading.sensor())
                .withTime(sampled.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventData.toJson(reading))
                .build();
    }

    /** As the alert function announces it: id {@code <fingerprint>/<startsAt>/fired|resolved}. */
    static CloudEvent alert(String type, Alert alert) {
        boolean fired = type.equals(EventTypes.ALERT_FIRED);
        Instant time = Instant.parse(fired ? alert.startsAt() : alert.endsAt());
        return CloudEventBuilder.v1()
                .withId(alert.fingerprint() + "/" + alert.startsAt() + (fired ? "/fired" : "/resolved"))
                .withSource(URI.create("/functions/alert"))
                .withType(type)
                .withSubject(alert.deviceId())
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withExtension("severity", alert.severity())
                .withDataContentType("application/json")
                .withData(EventData.toJson(alert))
                .build();
    }

    private Feed() {
    }
}
