package io.kedge.fuzz.target;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventTypes;
import io.kedge.fuzz.gen.Draft;
import io.kedge.fuzz.gen.FuzzCase;
import io.kedge.fuzz.gen.Seed;
import io.kedge.fuzz.gen.Seeds;
import io.kedge.fuzz.gen.Surface;
import io.kedge.fuzz.http.Answer;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.HttpSyntax;
import io.kedge.fuzz.oracle.Events;
import io.kedge.fuzz.oracle.Finding;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.Poll;
import io.kedge.testkit.Repo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's ingress, {@code POST /kedge/default}, as {@code ./kedge up} runs it: the manifests
 * of eventing/k8s, every subscriber pointed at a {@link RecordingSink}. Beyond the common oracle:
 * a 202 only for what the contract's codec accepts and a 400 for what it refuses (unless the TTL
 * explains it, or a datacontenttype that binary-mode delivery cannot carry); every event the broker delivers is a valid CloudEvent it had accepted; and every
 * accepted event of a type a Trigger routes is delivered.
 */
public final class BrokerTarget implements Target {

    static final String PATH = "/kedge/default";
    static final int BODY_LIMIT = 256 * 1024;
    private static final Set<String> ROUTED = Set.of(EventTypes.READING, EventTypes.READING_VALIDATED,
            EventTypes.ALERT_FIRED, EventTypes.ALERT_RESOLVED);

    private final Path work;
    private final RecordingSink sink;
    private final AppProcess broker;
    /** Source and id of each accepted event, with the digests of the data accepted under them. */
    private final Map<String, Set<String>> accepted = new ConcurrentHashMap<>();
    private final Set<String> routed = ConcurrentHashMap.newKeySet();

    private BrokerTarget(Path work, RecordingSink sink, AppProcess broker) {
        this.work = work;
        this.sink = sink;
        this.broker = broker;
    }

    /**
     * Starts the sink and the broker. fsync is off: durability is not under test here and the
     * ingress path is the same with it; on a busy 2-core machine it would only slow the run.
     */
    public static BrokerTarget start() {
        Path work = Apps.workDir("broker");
        RecordingSink sink = RecordingSink.start();
        try {
            AppProcess broker = Apps.start("broker", "eventing/broker", work, Map.of(
                    "KEDGE_BROKER_MANIFESTS", Repo.path("eventing/k8s").toString(),
                    "KEDGE_BROKER_SERVICES", Repo.path("eventing/local/services.properties").toString(),
                    "KEDGE_BROKER_DATA", work.resolve("broker-data").toString(),
                    "KEDGE_BROKER_FSYNC", "false",
                    "KEDGE_SERVICE_KEDGE_VALIDATE", sink.url(),
                    "KEDGE_SERVICE_KEDGE_STORE", sink.url(),
                    "KEDGE_SERVICE_KEDGE_ALERT", sink.url(),
                    "KEDGE_SERVICE_KEDGE_DEVICE_SOURCE", sink.url()));
            return new BrokerTarget(work, sink, broker);
        } catch (RuntimeException e) {
            sink.close();
            Apps.deleteRecursively(work);
            throw e;
        }
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public int port() {
        return broker.port();
    }

    @Override
    public List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>(List.of(
                Seeds.reading(Draft.Mode.BINARY, PATH), Seeds.reading(Draft.Mode.STRUCTURED, PATH),
                Seeds.reading(Draft.Mode.BINARY, PATH), Seeds.validated(Draft.Mode.BINARY, PATH),
                Seeds.validated(Draft.Mode.STRUCTURED, PATH), Seeds.alert(Draft.Mode.BINARY, PATH, false),
                Seeds.alert(Draft.Mode.STRUCTURED, PATH, true), Seeds.tick(Draft.Mode.BINARY, PATH)));
        seeds.addAll(Seeds.conformance(Repo.path("eventing/contract/src/test/resources/conformance/valid-events.json"), PATH));
        seeds.addAll(Seeds.conformance(Repo.path("eventing/contract/src/test/resources/conformance/invalid-events.json"), PATH));
        return seeds;
    }

    @Override
    public Surface surface() {
        return new Surface(List.of(PATH, "/kedge/other", "/other/default", "/admin/dlq", "/kedge/default/x"), BODY_LIMIT,
                List.of(EventTypes.READING));
    }

    @Override
    public List<Finding> check(FuzzCase fuzzCase, FuzzRequest request, Answer answer) {
        List<Finding> findings = new ArrayList<>();
        boolean post = request.method().equals("POST");
        boolean ingress = post && route(request.path()).equals(PATH);
        if (answer.status() / 100 == 2 && post && !ingress) {
            String route = route(request.path());
            if (!route.startsWith("/q/") && !route.startsWith("/admin/")) {
                findings.add(Finding.of(Finding.Kind.ACCEPTED_INVALID, "%d for a POST to %s", answer.status(), request.path()));
            }
            return findings;
        }
        if (!ingress) {
            return findings;
        }
        Events.Decoded decoded = Events.decode(request);
        boolean undeliverable = decoded.valid() && cloudEventsDataContentType(decoded.event());
        if (answer.status() / 100 == 2) {
            if (!decoded.valid()) {
                findings.add(Finding.of(Finding.Kind.ACCEPTED_INVALID, "%d for an event the contract's codec refuses: %s",
                        answer.status(), decoded.problem()));
            } else if (undeliverable) {
                findings.add(Finding.of(Finding.Kind.ACCEPTED_INVALID, "%d for an event with datacontenttype %s, which"
                        + " binary-mode delivery cannot carry", answer.status(), decoded.event().getDataContentType()));
            } else {
                CloudEvent event = decoded.event();
                accepted.computeIfAbsent(key(event.getSource().toString(), event.getId()), k -> ConcurrentHashMap.newKeySet())
                        .add(RecordingSink.digest(event.getData() == null ? null : event.getData().toBytes()));
                if (ROUTED.contains(event.getType())) {
                    routed.add(key(event.getSource().toString(), event.getId()));
                }
            }
        } else if (answer.status() == 400 && decoded.valid() && !undeliverable && request.body().length <= BODY_LIMIT
                && HttpSyntax.problem(request) == null && decoded.event().getExtension("knativebrokerttl") == null) {
            findings.add(Finding.of(Finding.Kind.REFUSED_VALID, "400 for an event the contract's codec accepts: %s",
                    answer.describe()));
        }
        return findings;
    }

    /**
     * A CloudEvents media type as datacontenttype: the broker delivers in binary mode, where it
     * would be the Content-Type and make the receiver read the data as a structured event. The
     * ingress refuses such an event (400) rather than deliver an event no subscriber can read.
     */
    static boolean cloudEventsDataContentType(CloudEvent event) {
        String type = event.getDataContentType();
        return type != null && type.strip().toLowerCase(java.util.Locale.ROOT).startsWith("application/cloudevents");
    }

    @Override
    public List<Finding> finish() {
        List<Finding> findings = new ArrayList<>();
        if (!Apps.healthy(broker)) {
            findings.add(Finding.of(Finding.Kind.DIED, "the broker is not running or not ready; log: %s", broker.logTail()));
            return findings;
        }
        Set<String> missing = waitForDeliveries(Duration.ofSeconds(60));
        if (!missing.isEmpty()) {
            findings.add(Finding.of(Finding.Kind.LOST, "%d of %d accepted events of a routed type were not delivered within"
                    + " 60 s, e.g. %s", missing.size(), routed.size(), missing.stream().limit(3).toList()));
        }
        List<String> strangers = new ArrayList<>();
        List<String> altered = new ArrayList<>();
        for (RecordingSink.Received received : sink.received()) {
            String key = key(received.source(), received.id());
            Set<String> digests = accepted.get(key);
            if (received.source().equals(Seeds.PING_SOURCE)) {
                continue;
            }
            if (digests == null) {
                strangers.add(key.replace('\n', ' ') + " (" + received.type() + ")");
            } else if (!digests.contains(received.dataDigest())) {
                altered.add(key.replace('\n', ' ') + " (" + received.type() + ")");
            }
        }
        if (!strangers.isEmpty()) {
            findings.add(Finding.of(Finding.Kind.STORED_INVALID, "delivered %d events the ingress never accepted, e.g. %s",
                    strangers.size(), strangers.stream().limit(5).toList()));
        }
        if (!altered.isEmpty()) {
            findings.add(Finding.of(Finding.Kind.LOST, "delivered %d events with other data than was accepted, e.g. %s",
                    altered.size(), altered.stream().limit(5).toList()));
        }
        if (sink.invalidCount() > 0) {
            findings.add(Finding.of(Finding.Kind.BAD_REPLY, "delivered %d requests that are no valid CloudEvent, e.g. %s",
                    sink.invalidCount(), sink.invalidSamples().stream().limit(3).toList()));
        }
        return findings;
    }

    private Set<String> waitForDeliveries(Duration within) {
        try {
            Poll.until("every accepted event delivered", within, Duration.ofMillis(200), () -> undelivered().isEmpty(), null);
        } catch (AssertionError e) {
            // reported by the caller, with what is missing
        }
        return undelivered();
    }

    private Set<String> undelivered() {
        Set<String> missing = new HashSet<>(routed);
        sink.received().forEach(r -> missing.remove(key(r.source(), r.id())));
        sink.invalidArrivals().forEach(r -> missing.remove(key(r.source(), r.id())));
        return missing;
    }

    /**
     * The path a request addresses, as Vert.x routes it: without scheme and authority (absolute
     * form), query and fragment, and a trailing slash.
     */
    static String route(String target) {
        String path = target.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "").split("[?#]", 2)[0];
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String key(String source, String id) {
        return source + "\n" + id;
    }

    @Override
    public boolean alive() {
        return Apps.healthy(broker);
    }

    @Override
    public long rssBytes() {
        return Apps.rssBytes(broker.pid());
    }

    @Override
    public void close() {
        broker.close();
        sink.close();
        Apps.deleteRecursively(work);
    }
}
