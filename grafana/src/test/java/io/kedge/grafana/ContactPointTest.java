package io.kedge.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Alert;
import io.kedge.grafana.alerting.Notification;
import io.kedge.grafana.alerting.RuleEvaluation;
import io.kedge.grafana.alerting.WebhookRequest;
import io.kedge.grafana.influxql.DashboardView;
import io.kedge.grafana.influxql.Series;
import io.kedge.grafana.interpolation.EnvironmentExpansion;
import io.kedge.grafana.model.AlertRule;
import io.kedge.grafana.model.ContactPoint;
import io.kedge.grafana.model.ContactPoint.WebhookSettings;
import io.kedge.grafana.model.Dashboard;
import io.kedge.grafana.model.NotificationPolicy;
import io.kedge.grafana.model.RuleGroup;
import io.kedge.grafana.pipeline.Feed;
import io.kedge.grafana.pipeline.PipelineData;
import io.kedge.grafana.pipeline.PipelineExtension;
import io.kedge.testkit.Poll;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies the contact point end to end: the notification Grafana would send for the
 * temperature rule firing on the stored data — labels and annotations from the provisioning,
 * credentials and HMAC signature as the contact point's settings imply under the deployment's
 * environment — is taken by the real alert function (its default signature header, Bearer), which
 * announces the alert to its sink; stored, the alert shows on the dashboard.
 */
@ExtendWith(PipelineExtension.class)
class ContactPointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EXTERNAL_URL = "http://grafana.kedge.svc.cluster.local:3000/";

    private static PipelineData pipeline;
    private static StoredData data;
    private static EnvironmentExpansion grafanaEnv;
    private static ContactPoint contactPoint;
    private static NotificationPolicy policy;
    private static RuleGroup group;
    private static AlertRule rule;
    private static RuleEvaluation.Instance garage;

    @BeforeAll
    static void evaluateTheRule(PipelineData started) {
        pipeline = started;
        data = new StoredData(started);
        grafanaEnv = new EnvironmentExpansion(started.grafanaEnvironment());
        contactPoint = GrafanaFolder.FILES.contactPoints().get(0);
        policy = GrafanaFolder.FILES.policies().get(0);
        rule = AlertRuleQueriesTest.rule(AlertRuleQueriesTest.TEMPERATURE_HIGH);
        group = GrafanaFolder.FILES.ruleGroups().stream().filter(g -> g.rules().contains(rule)).findFirst().orElseThrow();
        garage = data.evaluate(rule, Instant.now()).firing().get(0);
    }

    @Test
    void theAlertFunctionTakesGrafanasSignedNotificationAndAnnouncesTheAlertWhichTheDashboardThenShows() throws Exception {
        // GIVEN the notification for the garage's firing instance, as Grafana sends it
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Notification.Alert alert = Notification.Alert.of(group, rule, garage, grafanaEnv::expand, startsAt, null);
        WebhookRequest request = request(alert);

        // WHEN it reaches the alert function
        HttpResponse<String> answer = send(request);

        // THEN the function accepts it and announces one fired alert to its sink
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"alerts\":1");
        CloudEvent fired = awaitEvent(alert.fingerprint(), EventTypes.ALERT_FIRED);
        assertThat(fired.getSource()).hasToString("/functions/alert/grafana");
        assertThat(fired.getSubject()).isEqualTo(Feed.GARAGE.id());
        assertThat(fired.getExtension("severity")).isEqualTo(rule.labels().get("severity"));
        Alert announced = EventData.read(fired, Alert.class);
        assertThat(announced.rule()).isEqualTo(rule.title());
        assertThat(announced.deviceId()).isEqualTo(Feed.GARAGE.id());
        assertThat(announced.location()).isEqualTo(Feed.GARAGE.location());
        assertThat(announced.metric()).isEqualTo(rule.labels().get("metric"));
        assertThat(announced.value()).isEqualTo(garage.values().get("B"));
        assertThat(announced.threshold()).isEqualTo(Double.parseDouble(rule.annotations().get("threshold")));
        assertThat(announced.startsAt()).isEqualTo(startsAt.toString());

        // AND once the broker has delivered it to store, the dashboard's alert history lists it
        pipeline.storeEvent(fired);
        Dashboard dashboard = GrafanaFolder.FILES.dashboard(GrafanaFolder.DASHBOARD_UID);
        Dashboard.Panel history = dashboard.panels().stream().filter(p -> p.title().equals("Alert history")).findFirst().orElseThrow();
        DashboardView view = data.view(dashboard, dashboard.time(), Map.of("device", List.of(Feed.GARAGE.id())));
        List<Series> rows = data.run(view.panelQuery(history, history.targets().get(0)));
        assertThat(rows).singleElement().satisfies(series -> {
            assertThat(series.column("rule")).extracting(v -> v.asText()).containsExactly(rule.title());
            assertThat(series.column("state")).extracting(v -> v.asText()).containsExactly("firing");
        });
    }

    @Test
    void theResolvedNotificationAnnouncesTheResolution() throws Exception {
        Instant startsAt = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        Instant endsAt = startsAt.plusSeconds(300);
        Notification.Alert alert = Notification.Alert.of(group, rule, garage, grafanaEnv::expand, startsAt, endsAt);

        HttpResponse<String> answer = send(request(alert));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Alert resolved = EventData.read(awaitEvent(alert.fingerprint(), EventTypes.ALERT_RESOLVED), Alert.class);
        assertThat(resolved.endsAt()).isEqualTo(endsAt.toString());
    }

    @Test
    void withoutTheContactPointsHeadersOrCredentialsNothingIsAnnounced() throws Exception {
        // GIVEN a correct request, and the header names the contact point configures
        Notification.Alert alert = Notification.Alert.of(group, rule, garage, grafanaEnv::expand, Instant.now(), null);
        WebhookRequest good = request(alert);
        ContactPoint.HmacConfig hmac = contactPoint.receivers().get(0).settings().hmacConfig();
        String signature = good.headers().get(hmac.header());
        int before = pipeline.sink.events().size();

        // WHEN the signature comes under Grafana's code default instead, the timestamp is missing,
        // or the token is wrong
        List<WebhookRequest> bad = List.of(
                good.withHeader(hmac.header(), null).withHeader(WebhookRequest.DEFAULT_SIGNATURE_HEADER, signature),
                good.withHeader(hmac.timestampHeader(), null),
                good.withHeader("Authorization", "Bearer not-" + pipeline.deployment.token()));

        // THEN each is refused, and nothing reaches the sink
        for (WebhookRequest request : bad) {
            assertThat(send(request).statusCode()).isEqualTo(401);
        }
        assertThat(pipeline.sink.events()).hasSize(before);
    }

    @Test
    void theAlertFunctionReportsTheEndpointWithTheContactPointsSignatureHeader() {
        WebhookSettings settings = WebhookRequest.expanded(contactPoint.receivers().get(0).settings(), grafanaEnv::expand);

        // its start-up line: "Grafana webhook: POST /grafana, credentials Bearer, HMAC in <header> with timestamp in <header>"
        assertThat(pipeline.alert.logText())
                .contains("POST /grafana")
                .contains("credentials " + settings.authorizationScheme())
                .contains("HMAC in " + settings.hmacConfig().header())
                .contains("timestamp in " + settings.hmacConfig().timestampHeader());
    }

    private static WebhookRequest request(Notification.Alert alert) {
        byte[] body = Notification.body(contactPoint.name(), policy.groupBy(), List.of(alert), EXTERNAL_URL);
        return WebhookRequest.of(contactPoint.receivers().get(0).settings(), grafanaEnv::expand, body, Instant.now());
    }

    private static HttpResponse<String> send(WebhookRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                .timeout(Duration.ofSeconds(10))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CloudEvent awaitEvent(String fingerprint, String type) {
        Poll.until(type + " of " + fingerprint + " at the sink", Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> find(fingerprint, type) != null, () -> pipeline.sink.events() + pipeline.logs());
        return find(fingerprint, type);
    }

    private static CloudEvent find(String fingerprint, String type) {
        return pipeline.sink.events().stream()
                .filter(e -> e.getType().equals(type) && EventData.read(e, Alert.class).fingerprint().equals(fingerprint))
                .findFirst().orElse(null);
    }
}
