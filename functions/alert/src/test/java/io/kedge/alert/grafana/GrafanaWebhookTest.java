package io.kedge.alert.grafana;

import static io.kedge.alert.grafana.GrafanaPayloads.FIRING;
import static io.kedge.alert.grafana.GrafanaPayloads.MIXED;
import static io.kedge.alert.grafana.GrafanaPayloads.SECRET;
import static io.kedge.alert.grafana.GrafanaPayloads.SIGNATURE_HEADER;
import static io.kedge.alert.grafana.GrafanaPayloads.TIMESTAMP_HEADER;
import static io.kedge.alert.grafana.GrafanaPayloads.TOKEN;
import static io.kedge.alert.grafana.GrafanaPayloads.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.alert.out.HttpAlertSink;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Alert;
import io.kedge.testkit.RecordingBroker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies the Grafana webhook logic end to end except for Quarkus: each request is checked,
 * mapped, and its events sent over HTTP to a real server standing in for the broker, which
 * records what reaches it.
 */
class GrafanaWebhookTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:06:00Z");
    private static RecordingBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = RecordingBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void clear() {
        broker.clear();
        broker.answer(202);
    }

    record Case(String name, GrafanaSettings settings, Map<String, String> headers, String body, int status, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> refused() {
        String ts = String.valueOf(NOW.getEpochSecond());
        return Stream.of(
                new Case("no Authorization header", GrafanaPayloads.bearerAndHmac(),
                        Map.of(SIGNATURE_HEADER, sign(FIRING, null)), FIRING, 401, "no Authorization header; expected Bearer credentials"),
                new Case("a wrong token", GrafanaPayloads.bearerAndHmac(),
                        with(signed(FIRING, null), "Authorization", "Bearer not-the-token"), FIRING, 401, "credentials in the Authorization header are wrong"),
                new Case("the token under another scheme", GrafanaPayloads.bearerAndHmac(),
                        with(signed(FIRING, null), "Authorization", "Basic " + TOKEN), FIRING, 401, "the Basic credentials"),
                new Case("no signature", GrafanaPayloads.bearerAndHmac(),
                        bearer(), FIRING, 401, "no signature: header X-Grafana-Alerting-Signature is missing"),
                new Case("a signature made with another secret", GrafanaPayloads.bearerAndHmac(),
                        with(bearer(), SIGNATURE_HEADER, HmacSignature.sign(bytes("other"), null, bytes(FIRING))), FIRING, 401,
                        "does not match the body"),
                new Case("a signature of another body", GrafanaPayloads.bearerAndHmac(),
                        with(bearer(), SIGNATURE_HEADER, sign(MIXED, null)), FIRING, 401, "does not match the body"),
                new Case("a signature that is not hex", GrafanaPayloads.bearerAndHmac(),
                        with(bearer(), SIGNATURE_HEADER, "sha256=" + sign(FIRING, null)), FIRING, 401, "is not hex"),
                new Case("a bad credential before a malformed body: 401, not 400", GrafanaPayloads.bearerAndHmac(),
                        Map.of(), "not json", 401, "no Authorization header"),
                new Case("timestamp variant: no timestamp header", GrafanaPayloads.hmacWithTimestamp(),
                        Map.of(SIGNATURE_HEADER, sign(FIRING, ts)), FIRING, 401, "no timestamp: header X-Grafana-Alerting-Timestamp is missing"),
                new Case("timestamp variant: signed without the timestamp", GrafanaPayloads.hmacWithTimestamp(),
                        Map.of(SIGNATURE_HEADER, sign(FIRING, null), TIMESTAMP_HEADER, ts), FIRING, 401, "does not match the body and timestamp"),
                new Case("timestamp variant: another timestamp than signed", GrafanaPayloads.hmacWithTimestamp(),
                        Map.of(SIGNATURE_HEADER, sign(FIRING, ts), TIMESTAMP_HEADER, String.valueOf(NOW.getEpochSecond() - 1)), FIRING, 401,
                        "does not match"),
                new Case("timestamp variant: a replay older than the window", GrafanaPayloads.hmacWithTimestamp(),
                        signedAt(FIRING, NOW.minus(Duration.ofMinutes(6))), FIRING, 401, "is 360 s away from now; at most 300 s"),
                new Case("timestamp variant: a timestamp that is not a number", GrafanaPayloads.hmacWithTimestamp(),
                        Map.of(SIGNATURE_HEADER, sign(FIRING, "yesterday"), TIMESTAMP_HEADER, "yesterday"), FIRING, 401, "is not Unix seconds"),
                new Case("basic: a wrong password", GrafanaPayloads.basicOnly(),
                        Map.of("Authorization", basic("grafana", "wrong")), FIRING, 401, "the Basic credentials"),
                new Case("nothing configured: the endpoint is off", GrafanaPayloads.nothingConfigured(),
                        Map.of(), FIRING, 404, "no credentials and no HMAC secret are configured"),
                new Case("a body that is not JSON", GrafanaPayloads.bearerAndHmac(),
                        signed("{\"alerts\": [", null), "{\"alerts\": [", 400, "body is not JSON"),
                new Case("a JSON array", GrafanaPayloads.bearerAndHmac(),
                        signed("[]", null), "[]", 400, "body must be a JSON object"),
                new Case("no alerts member", GrafanaPayloads.bearerAndHmac(),
                        signed("{\"status\":\"firing\"}", null), "{\"status\":\"firing\"}", 400, "alerts: required"),
                new Case("an empty body", GrafanaPayloads.bearerAndHmac(),
                        signed("", null), "", 400, "body must be a JSON object (Grafana's webhook notification), got nothing"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedRequestsSendNothing(Case refused) {
        GrafanaWebhook.Answer answer = webhook(refused.settings()).handle(new HttpMessage(refused.headers(), bytes(refused.body())));

        assertThat(answer.status()).isEqualTo(refused.status());
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains(refused.problem());
        assertThat(broker.requests()).isEmpty();
        if (refused.status() == 401) {
            assertThat(answer.headers()).containsKey("WWW-Authenticate");
        }
    }

    @Test
    void aSignedNotificationWithTheTokenBecomesAFiredEventAtTheBroker() {
        GrafanaWebhook.Answer answer = webhook(GrafanaPayloads.bearerAndHmac()).handle(new HttpMessage(signed(FIRING, null), bytes(FIRING)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"alerts\":1}");
        CloudEvent event = broker.events().get(0);
        assertThat(broker.requests()).singleElement().satisfies(request ->
                assertThat(request.header("ce-id")).as("binary mode").isNotNull());
        assertThat(event.getType()).isEqualTo(EventTypes.ALERT_FIRED);
        assertThat(event.getSource()).hasToString("/functions/alert/grafana");
        assertThat(event.getId()).isEqualTo("grafana/5b3c0d2e91a4f7c1/2025-06-01T12:05:00Z/fired");
        assertThat(event.getSubject()).isEqualTo("dht22-a");
        assertThat(event.getTime()).isEqualTo(Instant.parse("2025-06-01T12:05:00Z").atOffset(ZoneOffset.UTC));
        assertThat(event.getExtension("severity")).isEqualTo("warning");
        assertThat(EventData.read(event, Alert.class)).isEqualTo(new Alert("Temperature high", "warning", "dht22-a",
                "garage", null, 31.4, null, "2025-06-01T12:05:00Z", null, "5b3c0d2e91a4f7c1"));
    }

    @Test
    void everyAlertOfTheNotificationBecomesItsOwnEvent() {
        GrafanaWebhook.Answer answer = webhook(GrafanaPayloads.bearerAndHmac()).handle(new HttpMessage(signed(MIXED, null), bytes(MIXED)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(broker.events()).extracting(CloudEvent::getId).containsExactlyInAnyOrder(
                "grafana/aa11/2025-06-01T09:00:00Z/resolved", "grafana/bb22/2025-06-01T12:00:00Z/fired");
        CloudEvent resolved = broker.events().stream().filter(e -> e.getType().equals(EventTypes.ALERT_RESOLVED)).findFirst().orElseThrow();
        assertThat(EventData.read(resolved, Alert.class)).isEqualTo(new Alert("Humidity high", "warning", "pi-kitchen",
                null, "humidity", 64.5, 70.0, "2025-06-01T09:00:00Z", "2025-06-01T09:30:00Z", "aa11"));
        assertThat(resolved.getTime()).isEqualTo(Instant.parse("2025-06-01T09:30:00Z").atOffset(ZoneOffset.UTC));
        CloudEvent noData = broker.events().stream().filter(e -> e.getType().equals(EventTypes.ALERT_FIRED)).findFirst().orElseThrow();
        assertThat(EventData.read(noData, Alert.class)).extracting(Alert::severity, Alert::deviceId, Alert::value, Alert::threshold)
                .containsExactly("critical", "pi-garage", null, 0.0);
    }

    @Test
    void theTimestampVariantSignedNowIsTaken() {
        GrafanaWebhook.Answer answer = webhook(GrafanaPayloads.hmacWithTimestamp())
                .handle(new HttpMessage(signedAt(FIRING, NOW.minusSeconds(30)), bytes(FIRING)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(broker.events()).hasSize(1);
    }

    @Test
    void basicCredentialsAloneAreEnoughWhenNoSecretIsSet() {
        GrafanaWebhook.Answer answer = webhook(GrafanaPayloads.basicOnly())
                .handle(new HttpMessage(Map.of("authorization", basic("grafana", "s3cret")), bytes(FIRING)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(broker.events()).hasSize(1);
    }

    @Test
    void theSchemeIsCaseInsensitiveButTheTokenIsNot() {
        GrafanaWebhook webhook = webhook(GrafanaPayloads.bearerAndHmac());

        int lowerScheme = webhook.handle(new HttpMessage(with(signed(FIRING, null), "Authorization", "bearer " + TOKEN), bytes(FIRING))).status();
        int upperToken = webhook.handle(new HttpMessage(with(signed(FIRING, null), "Authorization", "Bearer " + TOKEN.toUpperCase()), bytes(FIRING))).status();

        assertThat(lowerScheme).isEqualTo(200);
        assertThat(upperToken).isEqualTo(401);
    }

    @Test
    void everyProblemOfAMalformedNotificationIsNamedAndNothingSent() {
        String body = """
                {"alerts":[
                  {"status":"pending","labels":{"alertname":"A"},"startsAt":"2025-06-01T12:00:00Z"},
                  {"status":"firing","startsAt":"yesterday"},
                  {"status":"resolved","labels":{"alertname":"C"},"startsAt":"2025-06-01T12:00:00Z","endsAt":12},
                  {"status":"firing","labels":{"alertname":"D"},"startsAt":"2025-06-01T12:00:00Z"},
                  "text"]}
                """;

        GrafanaWebhook.Answer answer = webhook(GrafanaPayloads.bearerAndHmac()).handle(new HttpMessage(signed(body, null), bytes(body)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(EventData.read(answer.body(), io.kedge.functions.support.RequestProblem.Body.class).problems()).containsExactly(
                "alerts[0].status: must be \"firing\" or \"resolved\", got \"pending\"",
                "alerts[1].labels: required, an object with at least alertname",
                "alerts[1].labels.alertname: required, the rule's title",
                "alerts[1].startsAt: \"yesterday\" is not an RFC 3339 time",
                "alerts[2].endsAt: must be an RFC 3339 time, got 12",
                "alerts[4]: must be an object");
        assertThat(broker.requests()).as("not even the valid alert D").isEmpty();
    }

    @Test
    void aBrokerThatRefusesIsA503SoThatGrafanaRetries() {
        broker.answer(503);

        GrafanaWebhook.Answer answer = webhook(GrafanaPayloads.bearerAndHmac()).handle(new HttpMessage(signed(FIRING, null), bytes(FIRING)));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("answered 503");
    }

    private static GrafanaWebhook webhook(GrafanaSettings settings) {
        return new GrafanaWebhook(settings, new HttpAlertSink(URI.create(broker.url()), Duration.ofSeconds(5)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String sign(String body, String timestamp) {
        return HmacSignature.sign(bytes(SECRET), timestamp, bytes(body));
    }

    private static Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + TOKEN);
    }

    /** Bearer token and body signature, as the contact point of {@link GrafanaPayloads#bearerAndHmac()} sends them. */
    private static Map<String, String> signed(String body, String timestamp) {
        return with(bearer(), SIGNATURE_HEADER, sign(body, timestamp));
    }

    private static Map<String, String> signedAt(String body, Instant at) {
        String ts = String.valueOf(at.getEpochSecond());
        return Map.of(SIGNATURE_HEADER, sign(body, ts), TIMESTAMP_HEADER, ts);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
