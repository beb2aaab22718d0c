package io.kedge.fuzz.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.kedge.contract.EventTypes;
import io.kedge.fuzz.gen.Draft;
import io.kedge.fuzz.gen.FuzzCase;
import io.kedge.fuzz.gen.Seed;
import io.kedge.fuzz.gen.Seeds;
import io.kedge.fuzz.gen.Surface;
import io.kedge.fuzz.http.Answer;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Printable;
import io.kedge.fuzz.oracle.Events;
import io.kedge.fuzz.oracle.Finding;
import io.kedge.fuzz.oracle.PointShape;
import io.kedge.testkit.Repo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alert function's event entry, {@code POST /}: validated readings, PingSource ticks and alert
 * events, with its state in a real InfluxDB and {@code K_SINK} a {@link RecordingSink}. Beyond the
 * common oracle: a 200 carries a valid alert event about the reading's device; whatever reaches the
 * sink is a valid alert event; and the state in InfluxDB names only devices of accepted readings,
 * each exactly as sent (nothing stored from refused input, no tag altered).
 */
public final class AlertTarget implements Target {

    static final int BODY_LIMIT = 1024 * 1024;
    static final Set<String> PATHS = Set.of("/", "/alert", "/tick", "/notify", "/notifyResolved");
    private static final Set<String> ALERT_TYPES = Set.of(EventTypes.ALERT_FIRED, EventTypes.ALERT_RESOLVED);

    private final AlertApp alert;
    private final Set<String> acceptedDevices = ConcurrentHashMap.newKeySet();
    /** Set once a device sent as a number or boolean was taken (reported per input): such device tags are then no surprise. */
    private volatile boolean numericDevicesTaken;

    private AlertTarget(AlertApp alert) {
        this.alert = alert;
    }

    /** Fires temperature-high at once (for: 0s) so that more inputs announce something. */
    public static AlertTarget start() {
        return new AlertTarget(AlertApp.start("alert", Map.of("KEDGE_ALERT_RULE_TEMPERATURE_HIGH_FOR", "0s")));
    }

    @Override
    public String name() {
        return "alert";
    }

    @Override
    public int port() {
        return alert.port();
    }

    @Override
    public List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>(List.of(
                Seeds.validated(Draft.Mode.BINARY, "/"), Seeds.validated(Draft.Mode.BINARY, "/"),
                Seeds.validated(Draft.Mode.BINARY, "/alert"), Seeds.validated(Draft.Mode.STRUCTURED, "/"),
                Seeds.tick(Draft.Mode.BINARY, "/"), Seeds.tick(Draft.Mode.STRUCTURED, "/tick"),
                Seeds.alert(Draft.Mode.BINARY, "/", false), Seeds.alert(Draft.Mode.BINARY, "/", true),
                Seeds.reading(Draft.Mode.BINARY, "/")));
        seeds.addAll(Seeds.conformance(Repo.path("eventing/contract/src/test/resources/conformance/valid-events.json"), "/"));
        return seeds;
    }

    @Override
    public Surface surface() {
        return new Surface(List.of("/", "/alert", "/tick", "/notify", "/notifyResolved", "/grafana", "/q/health", "/other"),
                BODY_LIMIT, List.of(EventTypes.READING_VALIDATED, Seeds.PING_TYPE, EventTypes.ALERT_FIRED, EventTypes.ALERT_RESOLVED));
    }

    @Override
    public List<Finding> check(FuzzCase fuzzCase, FuzzRequest request, Answer answer) {
        List<Finding> findings = new ArrayList<>();
        if (answer.status() / 100 != 2 || !request.method().equals("POST") || !PATHS.contains(request.path())) {
            return findings;
        }
        Events.Decoded input = Events.decode(request);
        if (!input.valid()) {
            findings.add(Finding.of(Finding.Kind.ACCEPTED_INVALID, "%d for an input the contract's codec refuses: %s",
                    answer.status(), input.problem()));
            return findings;
        }
        JsonNode inputData = Events.data(input.event());
        String device = inputData == null ? null : inputData.path("deviceId").asText(null);
        List<String> variants = List.of();
        if (input.event().getType().equals(EventTypes.READING_VALIDATED) && inputData != null && inputData.isObject()) {
            variants = PointShape.caseVariants(inputData, false);
            // only the exact member: alert binds as the contract reads (a DeviceId is no deviceId)
            if (inputData.path("deviceId").isTextual()) {
                acceptedDevices.add(inputData.get("deviceId").textValue());
            }
            JsonNode deviceNode = inputData.get("deviceId");
            if (deviceNode != null && !deviceNode.isNull() && !deviceNode.isTextual()) {
                numericDevicesTaken = true;
                findings.add(Finding.of(Finding.Kind.ACCEPTED_INVALID, "%d for a reading whose deviceId is no string: %s",
                        answer.status(), deviceNode));
            }
        }
        if (answer.status() == 204) {
            return findings;
        }
        if (answer.status() != 200) {
            findings.add(Finding.of(Finding.Kind.BAD_REPLY, "answered %s; alert answers 200 with an event or 204", answer.describe()));
            return findings;
        }
        Events.Decoded reply = Events.decode(answer);
        if (!reply.valid()) {
            findings.add(Finding.of(Finding.Kind.BAD_REPLY, "the 200 reply is no valid CloudEvent: %s", reply.problem()));
            return findings;
        }
        findings.addAll(alertProblems(reply.event(), "reply"));
        JsonNode replyData = Events.data(reply.event());
        boolean textualDevice = inputData != null && inputData.path("deviceId").isTextual();
        if (input.event().getType().equals(EventTypes.READING_VALIDATED) && replyData != null && textualDevice
                && !replyData.path("deviceId").asText("").equals(String.valueOf(device))) {
            findings.add(Finding.of(Finding.Kind.BAD_REPLY, "reply about device %s to a reading of %s%s",
                    replyData.get("deviceId"), Printable.of(String.valueOf(device), 80),
                    variants.isEmpty() ? "" : " (members differing only in case: " + variants + ")"));
        }
        return findings;
    }

    /** An alert event: fired or resolved, with alert data naming a clean device. */
    static List<Finding> alertProblems(CloudEvent event, String what) {
        List<Finding> findings = new ArrayList<>();
        if (!ALERT_TYPES.contains(event.getType())) {
            findings.add(Finding.of(Finding.Kind.BAD_REPLY, "%s of type %s", what, event.getType()));
        }
        JsonNode data = Events.data(event);
        String device = data == null ? null : data.path("deviceId").asText(null);
        if (device == null || device.isBlank() || !clean(device)) {
            findings.add(Finding.of(Finding.Kind.BAD_REPLY, "%s names device %s", what, data == null ? null : data.get("deviceId")));
        }
        if (data == null || !data.path("rule").isTextual() || !data.path("startsAt").isTextual()) {
            findings.add(Finding.of(Finding.Kind.BAD_REPLY, "%s carries no alert: %s", what,
                    data == null ? null : Printable.of(data.toString(), 200)));
        }
        return findings;
    }

    static boolean clean(String tag) {
        return tag.indexOf('\n') < 0 && tag.indexOf('\r') < 0 && tag.indexOf('\t') < 0 && !tag.endsWith("\\");
    }

    @Override
    public List<Finding> finish() {
        if (!alert.alive()) {
            return List.of(alert.died());
        }
        List<Finding> findings = new ArrayList<>(alert.sinkProblems());
        for (RecordingSink.Received received : alert.sink.received()) {
            if (!ALERT_TYPES.contains(received.type())) {
                findings.add(Finding.of(Finding.Kind.BAD_REPLY, "sent an event of type %s to K_SINK", received.type()));
            }
        }
        for (String measurement : List.of("alert_seen", "alert_state")) {
            List<String> strangers = new ArrayList<>();
            for (Map<String, Object> row : alert.influx.rows("kedge_alert", "SHOW TAG VALUES FROM \"" + measurement + "\" WITH KEY = \"device\"")) {
                String device = String.valueOf(row.get("value"));
                boolean numeric = numericDevicesTaken && device.matches("[+-]?(\\d.*|\\.\\d.*|Infinity|NaN|inf|nan)|true|false");
                if ((!acceptedDevices.contains(device) && !numeric) || !clean(device)) {
                    strangers.add(Printable.of(device, 80));
                }
            }
            if (!strangers.isEmpty()) {
                findings.add(Finding.of(Finding.Kind.STORED_INVALID, "%d devices in %s that no accepted reading named as such,"
                        + " e.g. %s", strangers.size(), measurement, strangers.stream().limit(5).toList()));
            }
        }
        return findings;
    }

    @Override
    public boolean alive() {
        return alert.alive();
    }

    @Override
    public long rssBytes() {
        return alert.rssBytes();
    }

    @Override
    public void close() {
        alert.close();
    }
}
