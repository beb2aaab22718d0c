package io.kedge.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.grafana.alerting.RuleEvaluation;
import io.kedge.grafana.influxql.DashboardView;
import io.kedge.grafana.influxql.RuleQueries;
import io.kedge.grafana.influxql.Series;
import io.kedge.grafana.interpolation.EnvironmentExpansion;
import io.kedge.grafana.model.AlertRule;
import io.kedge.grafana.model.Dashboard;
import io.kedge.grafana.model.Datasource;
import io.kedge.grafana.model.Yaml;
import io.kedge.grafana.pipeline.PipelineData;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's InfluxDB as Grafana's datasource reaches it: the provisioned datasource with the
 * deployment's environment expanded (URL, user), queried as Grafana's InfluxQL backend does —
 * {@code /query?db=<dbName>&epoch=ms} with {@code q} in the URL (GET) or form body (POST).
 */
final class StoredData {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final PipelineData pipeline;
    private final Datasource datasource;
    private final String url;
    private final String user;
    private final String password;

    StoredData(PipelineData pipeline) {
        this.pipeline = pipeline;
        this.datasource = GrafanaFolder.FILES.datasource(GrafanaFolder.DATASOURCE_UID);
        EnvironmentExpansion env = new EnvironmentExpansion(pipeline.grafanaEnvironment());
        this.url = env.expand(datasource.url());
        this.user = env.expand(datasource.user());
        this.password = env.expand(datasource.secureJsonData().get("password"));
    }

    /** The datasource's URL under the deployment's environment. */
    String datasourceUrl() {
        return url;
    }

    /** The instant the fed events' times are relative to. */
    Instant fedAt() {
        return pipeline.fedAt;
    }

    /** Runs expanded InfluxQL; an InfluxDB error (HTTP status or per statement) throws. */
    List<Series> run(String influxql) {
        String params = "db=" + encode(datasource.jsonData().dbName()) + "&epoch=ms";
        HttpRequest.Builder request;
        if ("POST".equals(datasource.jsonData().httpMode())) {
            request = HttpRequest.newBuilder(URI.create(url + "/query?" + params))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("q=" + encode(influxql)));
        } else {
            request = HttpRequest.newBuilder(URI.create(url + "/query?" + params + "&q=" + encode(influxql))).GET();
        }
        if (user != null && !user.isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("InfluxDB answered " + response.statusCode() + " to " + influxql + ": " + response.body());
            }
            JsonNode answer = Yaml.json().readTree(response.body());
            return Series.of(answer);
        } catch (IOException e) {
            throw new IllegalStateException("InfluxDB at " + url + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    DashboardView view(Dashboard dashboard, Dashboard.TimeRange range, Map<String, List<String>> picks) {
        return DashboardView.open(dashboard, datasource, this::run, Instant.now(), range, picks);
    }

    /** One evaluation of {@code rule} at {@code at}, its queries run against the stored data. */
    RuleEvaluation.Outcome evaluate(AlertRule rule, Instant at) {
        Map<String, List<Series>> results = new LinkedHashMap<>();
        rule.data().stream().filter(step -> !step.isExpression())
                .forEach(step -> results.put(step.refId(), run(RuleQueries.expand(step, at))));
        return RuleEvaluation.evaluate(rule, results);
    }

    /** The devices a result is about: its series' {@code device} tags, or a {@code device} column's values. */
    static Set<String> devices(List<Series> result) {
        Set<String> devices = new LinkedHashSet<>();
        for (Series series : result) {
            if (series.tags().containsKey("device")) {
                devices.add(series.tags().get("device"));
            } else if (series.columns().contains("device")) {
                series.column("device").forEach(v -> devices.add(v.asText()));
            }
        }
        return devices;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
