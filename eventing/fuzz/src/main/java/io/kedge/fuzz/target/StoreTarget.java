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
import io.kedge.fuzz.oracle.Events;
import io.kedge.fuzz.oracle.Finding;
import io.kedge.fuzz.oracle.PointShape;
import io.kedge.fuzz.oracle.StoredPoints;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.Repo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The store function's entry, {@code POST /}, with a real InfluxDB. Beyond the common oracle: a
 * 2xx is a 204, and only for an event whose data the contract makes an exact point of
 * ({@link PointShape}); after the run InfluxDB holds exactly the points of the acknowledged inputs,
 * with their values: nothing stored from refused input, nothing altered, nothing acknowledged and
 * lost.
 */
public final class StoreTarget implements Target {

    /** store's quarkus.http.limits.max-body-size: the largest event the broker carries. */
    static final int BODY_LIMIT = 256 * 1024;
    private static final Set<String> PATHS = Set.of("/", "/store", "/storeAlertFired", "/storeAlertResolved");

    private final Path work;
    private final InfluxServer influx;
    private final AppProcess store;
    private final StoredPoints readings = new StoredPoints("sensor_data", "rpi_dht11", PointShape.READING_TAGS);
    private final StoredPoints alerts = new StoredPoints("sensor_data", "alerts", PointShape.ALERT_TAGS);

    private StoreTarget(Path work, InfluxServer influx, AppProcess store) {
        this.work = work;
        this.influx = influx;
        this.store = store;
    }

    public static StoreTarget start() {
        Path work = Apps.workDir("store");
        InfluxServer influx = InfluxServer.start();
        try {
            AppProcess store = Apps.start("store", "functions/store", work, Map.of("KEDGE_STORE_INFLUX_URL", influx.url()));
            return new StoreTarget(work, influx, store);
        } catch (RuntimeException e) {
            influx.close();
            Apps.deleteRecursively(work);
            throw e;
        }
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public int port() {
        return store.port();
    }

    @Override
    public List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>(List.of(
                Seeds.validated(Draft.Mode.BINARY, "/"), Seeds.validated(Draft.Mode.BINARY, "/"),
                Seeds.validated(Draft.Mode.BINARY, "/store"), Seeds.validated(Draft.Mode.STRUCTURED, "/"),
                Seeds.alert(Draft.Mode.BINARY, "/", false), Seeds.alert(Draft.Mode.BINARY, "/", true),
                Seeds.alert(Draft.Mode.STRUCTURED, "/", false), Seeds.reading(Draft.Mode.BINARY, "/")));
        seeds.addAll(Seeds.conformance(Repo.path("eventing/contract/src/test/resources/conformance/valid-events.json"), "/"));
        return seeds;
    }

    @Override
    public Surface surface() {
        return new Surface(List.of("/", "/store", "/storeAlertFired", "/storeAlertResolved", "/q/health", "/other"),
                BODY_LIMIT, List.of(EventTypes.READING_VALIDATED, EventTypes.ALERT_FIRED, EventTypes.ALERT_RESOLVED));
    }

    @Override
    public List<Finding> check(FuzzCase fuzzCase, FuzzRequest request, Answer answer) {
        if (answer.status() / 100 != 2 || !request.method().equals("POST") || !PATHS.contains(request.path())) {
            return List.of();
        }
        if (answer.status() != 204) {
            return List.of(Finding.of(Finding.Kind.BAD_REPLY, "store answers a stored point with 204, got %s", answer.describe()));
        }
        Events.Decoded decoded = Events.decode(request);
        if (!decoded.valid()) {
            return List.of(Finding.of(Finding.Kind.ACCEPTED_INVALID, "204 for an input the contract's codec refuses: %s",
                    decoded.problem()));
        }
        CloudEvent event = decoded.event();
        PointShape point;
        StoredPoints book;
        switch (event.getType()) {
            case EventTypes.READING_VALIDATED -> {
                point = PointShape.reading(Events.data(event));
                book = readings;
            }
            case EventTypes.ALERT_FIRED, EventTypes.ALERT_RESOLVED -> {
                point = PointShape.alert(Events.data(event), event.getType().equals(EventTypes.ALERT_RESOLVED));
                book = alerts;
            }
            case EventTypes.READING_REJECTED, EventTypes.SUMMARY -> {
                // Stored too since store took rejected readings and summaries (measurements of their
                // own, not compared here); only that the data is a JSON object is judged.
                JsonNode data = Events.data(event);
                return data != null && data.isObject() ? List.of()
                        : List.of(Finding.of(Finding.Kind.ACCEPTED_INVALID, "204 for a %s whose data is no JSON object",
                                event.getType()));
            }
            default -> {
                return List.of(Finding.of(Finding.Kind.ACCEPTED_INVALID, "204 for type %s", event.getType()));
            }
        }
        boolean alert = book == alerts;
        // Members that differ from the contract's only in case (DeviceId) are no members of it: the
        // point is the one of the exact members, and the comparison after the run shows whether
        // store took a variant instead.
        if (!point.valid()) {
            Long millis = PointShape.lenientTime(Events.data(event), alert, event.getType().equals(EventTypes.ALERT_RESOLVED));
            if (millis != null) {
                book.attribute(millis);
            }
            return List.of(Finding.of(Finding.Kind.ACCEPTED_INVALID, "204 for data outside the contract: %s", point.problem()));
        }
        book.expect(point);
        return List.of();
    }

    @Override
    public List<Finding> finish() {
        List<Finding> findings = new ArrayList<>();
        if (!Apps.healthy(store)) {
            findings.add(Finding.of(Finding.Kind.DIED, "store is not running or not ready; log: %s", store.logTail()));
            return findings;
        }
        findings.addAll(readings.compare(influx));
        findings.addAll(alerts.compare(influx));
        return findings;
    }

    @Override
    public boolean alive() {
        return Apps.healthy(store);
    }

    @Override
    public long rssBytes() {
        return Apps.rssBytes(store.pid());
    }

    @Override
    public void close() {
        Targets.closeAll(List.of(store, influx));
        Apps.deleteRecursively(work);
    }
}
