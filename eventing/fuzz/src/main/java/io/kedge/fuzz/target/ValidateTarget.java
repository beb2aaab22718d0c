package io.kedge.fuzz.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.fuzz.gen.Draft;
import io.kedge.fuzz.gen.FuzzCase;
import io.kedge.fuzz.gen.Seed;
import io.kedge.fuzz.gen.Seeds;
import io.kedge.fuzz.gen.Surface;
import io.kedge.fuzz.http.Answer;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Header;
import io.kedge.fuzz.http.RawHttpClient;
import io.kedge.fuzz.oracle.Events;
import io.kedge.fuzz.oracle.Finding;
import io.kedge.fuzz.oracle.PointShape;
import io.kedge.fuzz.oracle.StoredPoints;
import io.kedge.fuzz.oracle.ValidatedShape;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.Repo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The validate function's entry, {@code POST /}. Beyond the common oracle: a 200 carries a valid
 * {@code validated} or {@code rejected} CloudEvent; a validated reading keeps every promise of
 * {@link ValidatedShape}; and it is storable: each one is posted on to a real store function (with
 * a real InfluxDB) as the broker would deliver it, which must answer 204; at the end InfluxDB holds
 * exactly the points of the validated readings, nothing else.
 */
public final class ValidateTarget implements Target {

    static final int BODY_LIMIT = 64 * 1024;

    private final Path work;
    private final InfluxServer influx;
    private final AppProcess store;
    private final AppProcess validate;
    private final StoredPoints points = new StoredPoints("sensor_data", "rpi_dht11", PointShape.READING_TAGS);
    private final ThreadLocal<RawHttpClient> storeClients;
    private final Queue<RawHttpClient> clients = new ConcurrentLinkedQueue<>();

    private ValidateTarget(Path work, InfluxServer influx, AppProcess store, AppProcess validate) {
        this.work = work;
        this.influx = influx;
        this.store = store;
        this.validate = validate;
        this.storeClients = ThreadLocal.withInitial(() -> {
            RawHttpClient client = new RawHttpClient(store.port(), Duration.ofSeconds(30));
            clients.add(client);
            return client;
        });
    }

    public static ValidateTarget start() {
        Path work = Apps.workDir("validate");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            InfluxServer influx = InfluxServer.start();
            started.add(influx);
            AppProcess store = Apps.start("store", "functions/store", work, Map.of("KEDGE_STORE_INFLUX_URL", influx.url()));
            started.add(store);
            AppProcess validate = Apps.start("validate", "functions/validate", work, Map.of());
            return new ValidateTarget(work, influx, store, validate);
        } catch (RuntimeException e) {
            Targets.closeAll(started);
            Apps.deleteRecursively(work);
            throw e;
        }
    }

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public int port() {
        return validate.port();
    }

    @Override
    public List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>(List.of(
                Seeds.reading(Draft.Mode.BINARY, "/"), Seeds.reading(Draft.Mode.BINARY, "/"), Seeds.reading(Draft.Mode.BINARY, "/"),
                Seeds.reading(Draft.Mode.STRUCTURED, "/"), Seeds.reading(Draft.Mode.STRUCTURED, "/validate"),
                Seeds.validated(Draft.Mode.BINARY, "/"), Seeds.tick(Draft.Mode.BINARY, "/")));
        seeds.addAll(Seeds.conformance(Repo.path("eventing/contract/src/test/resources/conformance/valid-events.json"), "/"));
        return seeds;
    }

    @Override
    public Surface surface() {
        return new Surface(List.of("/", "/validate", "/q/health", "/other", "/validate/x"), BODY_LIMIT, List.of(EventTypes.READING));
    }

    @Override
    public List<Finding> check(FuzzCase fuzzCase, FuzzRequest request, Answer answer) {
        List<Finding> findings = new ArrayList<>();
        if (answer.status() / 100 != 2 || !request.method().equals("POST") || request.path().startsWith("/q/")) {
            return findings;
        }
        Events.Decoded input = Events.decode(request);
        if (!input.valid()) {
            findings.add(Finding.of(Finding.Kind.ACCEPTED_INVALID, "%d for an input the contract's codec refuses: %s",
                    answer.status(), input.problem()));
        }
        Events.Decoded reply = Events.decode(answer);
        if (!reply.valid()) {
            findings.add(Finding.of(Finding.Kind.BAD_REPLY, "the %d reply is no valid CloudEvent: %s", answer.status(), reply.problem()));
            return findings;
        }
        CloudEvent event = reply.event();
        JsonNode data = Events.data(event);
        switch (event.getType()) {
            case EventTypes.READING_VALIDATED -> {
                List<String> problems = ValidatedShape.problems(data, input.valid() ? Events.data(input.event()) : null, Instant.now());
                problems.forEach(p -> findings.add(Finding.of(Finding.Kind.BAD_REPLY, "validated: %s", p)));
                findings.addAll(storeIt(event, data));
            }
            case EventTypes.READING_REJECTED -> {
                if (data == null || !data.path("violations").isArray() || data.path("violations").isEmpty()) {
                    findings.add(Finding.of(Finding.Kind.BAD_REPLY, "rejected without violations: %s", answer.describe()));
                }
            }
            default -> findings.add(Finding.of(Finding.Kind.BAD_REPLY, "reply of type %s", event.getType()));
        }
        return findings;
    }

    /** Posts the validated reading to store as the broker delivers it (binary mode); it must be stored. */
    private List<Finding> storeIt(CloudEvent validated, JsonNode data) {
        HttpMessage message = CloudEventHttp.binary(validated);
        List<Header> headers = new ArrayList<>();
        message.headers().forEach((name, value) -> headers.add(Header.of(name, value)));
        FuzzRequest delivery = new FuzzRequest("POST", "/", headers, message.body(), FuzzRequest.Framing.CONTENT_LENGTH, false);
        Answer stored = storeClients.get().send(delivery);
        if (stored.status() != 204) {
            return List.of(Finding.of(Finding.Kind.NOT_STORABLE, "validate accepted it, store answered %s", stored.describe()));
        }
        PointShape point = PointShape.reading(data);
        if (!point.valid()) {
            return List.of(Finding.of(Finding.Kind.NOT_STORABLE, "store took a validated reading that is no exact point: %s",
                    point.problem()));
        }
        points.expect(point);
        return List.of();
    }

    @Override
    public List<Finding> finish() {
        List<Finding> findings = new ArrayList<>();
        if (!Apps.healthy(validate)) {
            findings.add(Finding.of(Finding.Kind.DIED, "validate is not running or not ready; log: %s", validate.logTail()));
        }
        if (!Apps.healthy(store)) {
            findings.add(Finding.of(Finding.Kind.DIED, "store is not running or not ready; log: %s", store.logTail()));
            return findings;
        }
        findings.addAll(points.compare(influx));
        return findings;
    }

    @Override
    public boolean alive() {
        return Apps.healthy(validate);
    }

    @Override
    public long rssBytes() {
        return Apps.rssBytes(validate.pid());
    }

    @Override
    public void close() {
        clients.forEach(RawHttpClient::close);
        Targets.closeAll(List.of(validate, store, influx));
        Apps.deleteRecursively(work);
    }
}
