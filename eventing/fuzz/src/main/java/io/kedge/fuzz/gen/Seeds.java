package io.kedge.fuzz.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Alert;
import io.kedge.contract.data.Reading;
import io.kedge.contract.data.ValidatedReading;
import io.kedge.contract.fixtures.Readings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The valid inputs fuzz cases start from: the contract's fixture readings as raw and validated
 * events, alert events, PingSource ticks, and the CloudEvents conformance suite's JSON events.
 * Sample times are recent (the last hour), so that validate accepts the unmutated seeds.
 */
public final class Seeds {

    public static final String PING_TYPE = "dev.knative.sources.ping";
    public static final String PING_SOURCE = "/apis/v1/namespaces/kedge/pingsources/alert-tick";

    private static final List<Reading> READINGS = Readings.plausible().toList();

    /** A plausible raw reading ({@code io.kedge.reading.v1}) in {@code mode}, values varied around the fixtures. */
    public static Seed reading(Draft.Mode mode, String path) {
        return new Seed("reading/" + mode.name().toLowerCase(), (index, now, random) -> {
            Reading fixture = Hostile.pick(random, READINGS);
            String time = sampleTime(now, random);
            Reading reading = new Reading(fixture.deviceId(), fixture.location(), fixture.sensor(),
                    round(fixture.temperature() + random.nextGaussian(), 1), round(fixture.humidity() + random.nextGaussian(), 0),
                    fixture.pressure(), time);
            return Draft.event(mode, path, "fz-" + index, "/devices/" + reading.deviceId(), EventTypes.READING)
                    .attribute("subject", reading.sensor())
                    .attribute("time", time)
                    .json(reading);
        });
    }

    /** A reading as validate answers it ({@code io.kedge.reading.validated.v1}). */
    public static Seed validated(Draft.Mode mode, String path) {
        return new Seed("validated/" + mode.name().toLowerCase(), (index, now, random) -> {
            Reading fixture = Hostile.pick(random, READINGS);
            String time = sampleTime(now, random);
            ValidatedReading reading = new ValidatedReading(fixture.deviceId(), fixture.location(), fixture.sensor(),
                    round(fixture.temperature() + random.nextGaussian() * 8, 1), round(fixture.humidity() + random.nextGaussian(), 0),
                    fixture.pressure(), time, List.of());
            return Draft.event(mode, path, "fz-" + index + "/validated", "/functions/validate", EventTypes.READING_VALIDATED)
                    .attribute("subject", reading.sensor())
                    .attribute("time", time)
                    .json(reading);
        });
    }

    /** An alert event, fired or resolved, as the alert function announces it. */
    public static Seed alert(Draft.Mode mode, String path, boolean resolved) {
        String type = resolved ? EventTypes.ALERT_RESOLVED : EventTypes.ALERT_FIRED;
        return new Seed((resolved ? "resolved/" : "fired/") + mode.name().toLowerCase(), (index, now, random) -> {
            Reading fixture = Hostile.pick(random, READINGS);
            String startsAt = sampleTime(now, random);
            Alert alert = new Alert("temperature-high", Hostile.pick(random, List.of("info", "warning", "critical")),
                    fixture.deviceId(), fixture.location(), "temperature", 31.5, 30.0, startsAt,
                    resolved ? now.truncatedTo(ChronoUnit.SECONDS).toString() : null, "fp" + Long.toHexString(index));
            return Draft.event(mode, path, "fp" + Long.toHexString(index) + "/" + startsAt + (resolved ? "/resolved" : "/fired"),
                            "/functions/alert", type)
                    .attribute("subject", fixture.deviceId())
                    .attribute("time", startsAt)
                    .attribute("severity", alert.severity())
                    .json(alert);
        });
    }

    /** The PingSource's minute tick, as eventing/k8s/ping-source.yaml sends it. */
    public static Seed tick(Draft.Mode mode, String path) {
        return new Seed("tick/" + mode.name().toLowerCase(), (index, now, random) ->
                Draft.event(mode, path, "tick-" + index, PING_SOURCE, PING_TYPE)
                        .attribute("time", now.truncatedTo(ChronoUnit.SECONDS).toString())
                        .json(Map.of("check", "no-data")));
    }

    /**
     * The cases of the CloudEvents conformance suite (eventing/contract's test resources), valid
     * and invalid, as structured events; empty when the file is not there (a jar run elsewhere).
     */
    public static List<Seed> conformance(Path file, String path) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode suite;
        try {
            suite = Draft.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Seed> seeds = new ArrayList<>();
        for (JsonNode test : suite.path("tests")) {
            JsonNode event = test.path("event");
            if (!(event instanceof ObjectNode object)) {
                continue;
            }
            String name = "conformance/" + test.path("id").asText();
            seeds.add(new Seed(name, (index, now, random) -> fromStructured(object, path)));
        }
        return seeds;
    }

    private static Draft fromStructured(ObjectNode event, String path) {
        Draft draft = new Draft(Draft.Mode.STRUCTURED, path);
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            switch (field.getKey()) {
                case "data" -> draft.data = field.getValue().deepCopy();
                case "datacontenttype" -> draft.contentType = field.getValue().isTextual() ? field.getValue().textValue() : null;
                default -> draft.attributes.put(field.getKey(), field.getValue().deepCopy());
            }
        }
        return draft;
    }

    /** Grafana's unified-alerting webhook body with one to three alerts, posted as plain JSON. */
    public static Draft grafana(String path, long index, Instant now, Random random) {
        Draft draft = new Draft(Draft.Mode.PLAIN, path);
        ObjectNode body = Draft.NODES.objectNode();
        body.put("receiver", "kedge").put("status", "firing").put("orgId", 1).put("version", "1");
        var alerts = body.putArray("alerts");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            boolean resolved = random.nextInt(4) == 0;
            ObjectNode alert = alerts.addObject();
            alert.put("status", resolved ? "resolved" : "firing");
            alert.putObject("labels")
                    .put("alertname", Hostile.pick(random, List.of("Temperature high", "Humidity low", "Device silent")))
                    .put("severity", Hostile.pick(random, List.of("info", "warning", "critical")))
                    .put("device_id", Hostile.pick(random, READINGS).deviceId())
                    .put("location", Hostile.pick(random, READINGS).location());
            alert.putObject("annotations").put("summary", "fuzz case " + index).put("threshold", "30");
            String startsAt = sampleTime(now, random);
            alert.put("startsAt", startsAt);
            alert.put("endsAt", resolved ? now.truncatedTo(ChronoUnit.SECONDS).toString() : "0001-01-01T00:00:00Z");
            alert.put("fingerprint", "fz" + Long.toHexString(index) + "x" + i);
            alert.putObject("values").put("B", round(25 + random.nextGaussian() * 5, 1)).put("C", 1);
            alert.put("generatorURL", "http://grafana.local/alerting/grafana/x/view");
        }
        body.putObject("groupLabels").put("alertname", "Temperature high");
        body.putObject("commonLabels");
        body.put("externalURL", "http://grafana.local/");
        draft.contentType = "application/json";
        draft.data = body;
        return draft;
    }

    /** A sample time within the last hour, whole seconds, UTC. */
    static String sampleTime(Instant now, Random random) {
        return now.minusSeconds(random.nextInt(3600)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private Seeds() {
    }
}
