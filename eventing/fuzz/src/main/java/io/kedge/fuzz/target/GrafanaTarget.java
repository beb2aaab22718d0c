package io.kedge.fuzz.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.fuzz.gen.FuzzCase;
import io.kedge.fuzz.gen.GrafanaSigner;
import io.kedge.fuzz.gen.Mutation;
import io.kedge.fuzz.gen.Mutations;
import io.kedge.fuzz.gen.Seed;
import io.kedge.fuzz.gen.Surface;
import io.kedge.fuzz.http.Answer;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Header;
import io.kedge.fuzz.oracle.Events;
import io.kedge.fuzz.oracle.Finding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alert function's Grafana webhook, {@code POST /grafana}, with a token and an HMAC secret with
 * timestamp configured. Beyond the common oracle: a 200 only for a request with the right
 * credentials and a valid signature over its very body and a fresh timestamp; and K_SINK receives
 * exactly the number of alerts the 200s announced, all of them valid alert events: a refused
 * notification sends nothing.
 */
public final class GrafanaTarget implements Target {

    static final String PATH = "/grafana";
    private static final String TOKEN = "fuzz-token-5b3c0d2e";
    private static final String SECRET = "fuzz-hmac-secret";
    private static final long MAX_SKEW_SECONDS = 300;
    private static final String GRAFANA_SOURCE = "/functions/alert/grafana";

    private final AlertApp alert;
    private final AtomicLong announced = new AtomicLong();

    private GrafanaTarget(AlertApp alert) {
        this.alert = alert;
    }

    public static GrafanaTarget start() {
        return new GrafanaTarget(AlertApp.start("grafana", Map.of(
                "KEDGE_ALERT_GRAFANA_TOKEN", TOKEN,
                "KEDGE_ALERT_GRAFANA_HMAC_SECRET", SECRET,
                "KEDGE_ALERT_GRAFANA_HMAC_HEADER", GrafanaSigner.SIGNATURE_HEADER,
                "KEDGE_ALERT_GRAFANA_HMAC_TIMESTAMP_HEADER", GrafanaSigner.TIMESTAMP_HEADER)));
    }

    @Override
    public String name() {
        return "grafana";
    }

    @Override
    public int port() {
        return alert.port();
    }

    @Override
    public List<Seed> seeds() {
        return List.of(GrafanaSigner.seed(PATH, TOKEN, SECRET));
    }

    @Override
    public List<Mutation> mutations() {
        List<Mutation> bag = new ArrayList<>(Mutations.weighted());
        for (Mutation mutation : GrafanaSigner.mutations()) {
            for (int i = 0; i < mutation.weight() * 2; i++) {
                bag.add(mutation);
            }
        }
        return bag;
    }

    @Override
    public Surface surface() {
        return new Surface(List.of(PATH, "/grafana/", "/", "/alert", "/q/health"), AlertTarget.BODY_LIMIT, List.of());
    }

    @Override
    public List<Finding> check(FuzzCase fuzzCase, FuzzRequest request, Answer answer) {
        List<Finding> findings = new ArrayList<>();
        if (answer.status() / 100 != 2 || !isWebhook(request.path())) {
            return findings;
        }
        if (!request.method().equals("POST")) {
            findings.add(Finding.of(Finding.Kind.ACCEPTED_INVALID, "%d for %s %s", answer.status(), request.method(), PATH));
            return findings;
        }
        String refusal = authProblem(request);
        if (refusal != null) {
            findings.add(Finding.of(Finding.Kind.ACCEPTED_INVALID, "%d although %s", answer.status(), refusal));
        }
        JsonNode body = Events.json(answer.body());
        if (answer.status() != 200 || body == null || !body.path("alerts").canConvertToLong()) {
            findings.add(Finding.of(Finding.Kind.BAD_REPLY, "a taken notification is answered 200 {\"alerts\":n}, got %s",
                    answer.describe()));
        } else {
            announced.addAndGet(body.path("alerts").asLong());
        }
        return findings;
    }

    /** The router takes {@code /grafana/} and {@code /grafana?x} for {@code /grafana} too. */
    static boolean isWebhook(String path) {
        String route = path.split("[?#]", 2)[0];
        return route.equals(PATH) || route.equals(PATH + "/");
    }

    /** Why the request must be refused 401, or null: any one authorization, timestamp and signature must be right. */
    static String authProblem(FuzzRequest request) {
        boolean credentials = false;
        List<String> timestamps = new ArrayList<>();
        List<String> signatures = new ArrayList<>();
        for (Header header : request.wireHeaders()) {
            String value = new String(header.value(), StandardCharsets.ISO_8859_1).strip();
            if (header.name().equalsIgnoreCase("authorization")) {
                String[] parts = value.split("\\s+", 2);
                credentials |= parts.length == 2 && parts[0].equalsIgnoreCase("bearer") && parts[1].equals(TOKEN);
            } else if (header.name().equalsIgnoreCase(GrafanaSigner.TIMESTAMP_HEADER)) {
                timestamps.add(value);
            } else if (header.name().equalsIgnoreCase(GrafanaSigner.SIGNATURE_HEADER)) {
                signatures.add(value.toLowerCase(Locale.ROOT));
            }
        }
        if (!credentials) {
            return "no Authorization header carries the token";
        }
        long now = Instant.now().getEpochSecond();
        for (String timestamp : timestamps) {
            long seconds;
            try {
                seconds = Long.parseLong(timestamp);
            } catch (NumberFormatException e) {
                continue;
            }
            // a little slack beyond the replay window for the time the request spent in flight
            if (Math.abs(now - seconds) > MAX_SKEW_SECONDS + 5) {
                continue;
            }
            if (signatures.contains(GrafanaSigner.sign(SECRET, timestamp, request.body()))) {
                return null;
            }
        }
        return "no fresh timestamp with a matching signature of the body";
    }

    @Override
    public List<Finding> finish() {
        if (!alert.alive()) {
            return List.of(alert.died());
        }
        List<Finding> findings = new ArrayList<>(alert.sinkProblems());
        // invalid ones arrived too (and are reported above): each counts against the announced number
        long fromGrafana = alert.sink.received().stream().filter(r -> r.source().equals(GRAFANA_SOURCE)).count()
                + alert.sink.invalidArrivals().stream().filter(r -> r.source().equals(GRAFANA_SOURCE)).count();
        if (fromGrafana != announced.get()) {
            findings.add(Finding.of(fromGrafana > announced.get() ? Finding.Kind.STORED_INVALID : Finding.Kind.LOST,
                    "K_SINK received %d alert events from %s, the 200 answers announced %d", fromGrafana, GRAFANA_SOURCE,
                    announced.get()));
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
