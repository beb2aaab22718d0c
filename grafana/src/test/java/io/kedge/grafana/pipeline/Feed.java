package io.kedge.grafana.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingIds;
import io.kedge.contract.data.Alert;
import io.kedge.contract.data.RejectedReading;
import io.kedge.contract.data.Summary;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.contract.data.Violation;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The events fed through the store function: an hour of validated readings of five devices, as
 * validate replies them, rejected readings, as validate replies them too, alert events, as the
 * alert function announces them, and 1-minute summaries, as the aggregate function announces them
 * (the last hour's and an hour long before the dashboard's range). The devices cover what the
 * dashboard's variables must cope with: a device without location, and tag values with
 * characters that are special in regular expressions.
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
    /** How far back the second hour of summaries lies: beyond the dashboard's 6 hours, within 30 days. */
    public static final int OLD_SUMMARY_DAYS = 20;
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

    /**
     * A rejected reading: how long before the feed, whose (a {@code null} device: the data was no
     * reading at all) and its violations' codes, in validate's order.
     */
    public record Rejection(int minutesAgo, String deviceId, String location, String... codes) {
    }

    /**
     * Rejections within the last hour: too hot readings, a zone-less time (once also too hot: only
     * its first code counts), a missing field of a device without location, and data that is no
     * object at all (device unknown).
     */
    public static final List<Rejection> REJECTIONS = List.of(
            new Rejection(50, KITCHEN.id(), KITCHEN.location(), "out_of_range"),
            new Rejection(40, LAB.id(), LAB.location(), "out_of_range", "time_without_zone"),
            new Rejection(30, LAB.id(), LAB.location(), "time_without_zone"),
            new Rejection(20, GARAGE.id(), GARAGE.location(), "out_of_range"),
            new Rejection(10, SHED.id(), null, "missing_field"),
            new Rejection(5, null, null, "wrong_type"));

    private static final Map<String, String> MESSAGES = Map.of(
            "out_of_range", "temperature 75 °C is outside the DHT11's range 0..50 °C",
            "time_without_zone", "time \"2026-11-27T10:15:00\" has no zone offset",
            "missing_field", "sensor is required",
            "wrong_type", "the data is no JSON object");

    public static List<CloudEvent> rejections(Instant now) {
        List<CloudEvent> events = new ArrayList<>();
        for (Rejection rejection : REJECTIONS) {
            Instant sampled = now.minus(rejection.minutesAgo(), ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            List<Violation> violations = new ArrayList<>();
            for (String code : rejection.codes()) {
                violations.add(new Violation(code, code.startsWith("time") ? "time" : "temperature", null, MESSAGES.get(code)));
            }
            events.add(rejected(rejection.deviceId() == null ? "unknown" : rejection.deviceId(), sampled,
                    new RejectedReading(original(rejection, sampled), violations)));
        }
        return events;
    }

    /** The reading as the device sent it; without a device, data that is no reading at all. */
    private static JsonNode original(Rejection rejection, Instant sampled) {
        if (rejection.deviceId() == null) {
            return EventData.mapper().createArrayNode().add("not").add("a reading");
        }
        ObjectNode original = EventData.mapper().createObjectNode().put("deviceId", rejection.deviceId());
        if (rejection.location() != null) {
            original.put("location", rejection.location());
        }
        return original.put("sensor", SENSOR).put("temperature", 75).put("time", sampled.toString());
    }

    /**
     * The temperature and humidity summaries of every device for each of the last {@link #MINUTES}
     * whole minutes, and for {@link #MINUTES} minutes {@link #OLD_SUMMARY_DAYS} days ago (beyond the
     * dashboard's 6 hours, within the long-range panel's 30 days). Means are the devices' values.
     */
    public static List<CloudEvent> summaries(Instant now) {
        List<CloudEvent> events = new ArrayList<>();
        Instant lastMinute = now.truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        for (Instant end : List.of(lastMinute, lastMinute.minus(OLD_SUMMARY_DAYS, ChronoUnit.DAYS))) {
            for (int minute = MINUTES - 1; minute >= 0; minute--) {
                Instant start = end.minus(minute, ChronoUnit.MINUTES);
                for (Device device : DEVICES) {
                    events.add(summary(summary(device, "temperature", device.temperature(), start)));
                    events.add(summary(summary(device, "humidity", device.humidity(), start)));
                }
            }
        }
        return events;
    }

    private static Summary summary(Device device, String metric, double value, Instant start) {
        return new Summary(device.id(), device.location(), metric, "PT1M", start.toString(), start.plusSeconds(60).toString(),
                30, value - 0.5, value + 0.5, value, value, start.plusSeconds(58).toString());
    }

    /** As validate replies it: id derived from the reading's, source the function, time the reading event's. */
    static CloudEvent rejected(String deviceId, Instant sampled, RejectedReading rejection) {
        return CloudEventBuilder.v1()
                .withId(ReadingIds.of(deviceId, SENSOR, sampled) + "/rejected")
                .withSource(URI.create("/functions/validate"))
                .withType(EventTypes.READING_REJECTED)
                .withSubject(SENSOR)
                .withTime(sampled.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventData.toJson(rejection))
                .build();
    }

    /** As the aggregate function announces it: id device/metric/window/start, time the window's start. */
    static CloudEvent summary(Summary summary) {
        return CloudEventBuilder.v1()
                .withId(summary.deviceId() + "/" + summary.metric() + "/" + summary.window() + "/" + summary.windowStart())
                .withSource(URI.create("/functions/aggregate"))
                .withType(EventTypes.SUMMARY)
                .withSubject(summary.deviceId())
                .withTime(Instant.parse(summary.windowStart()).atOffset(ZoneOffset.UTC))
                .withExtension("metric", summary.metric())
                .withExtension("window", summary.window())
                .withDataContentType("application/json")
                .withData(EventData.toJson(summary))
                .build();
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
