package io.kedge.grafana;

import static io.kedge.grafana.GrafanaFolder.FILES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.grafana.alerting.WebhookRequest;
import io.kedge.grafana.influxql.InfluxQlText;
import io.kedge.grafana.interpolation.EnvironmentExpansion;
import io.kedge.grafana.interpolation.TemplateVariables;
import io.kedge.grafana.model.AlertQuery;
import io.kedge.grafana.model.AlertRule;
import io.kedge.grafana.model.AlertingFile;
import io.kedge.grafana.model.ContactPoint;
import io.kedge.grafana.model.ContactPoint.Receiver;
import io.kedge.grafana.model.ContactPoint.WebhookSettings;
import io.kedge.grafana.model.Dashboard;
import io.kedge.grafana.model.Datasource;
import io.kedge.grafana.model.ExpressionModel;
import io.kedge.grafana.model.InfluxQueryModel;
import io.kedge.grafana.model.NotificationPolicy;
import io.kedge.grafana.model.RuleGroup;
import io.kedge.grafana.model.Yaml;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies the unified-alerting provisioning: the checks Grafana's parser makes (required keys,
 * enums, durations, references between refIds), the links into the dashboard, and the contact
 * point against what the alert function accepts.
 */
class AlertingFilesTest {

    private static final String DURATION = "(\\d+(ms|s|m|h|d|w|y))+";
    private static final Set<String> NO_DATA_STATES = Set.of("NoData", "Alerting", "OK", "KeepLast");
    private static final Set<String> ERROR_STATES = Set.of("Alerting", "Error", "OK", "KeepLast");
    /** The alert function's severities (io.kedge.alert.rules.Severity); others fall back to its default. */
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

    @Test
    void ruleGroupsAndRulesCarryWhatGrafanasParserRequires() {
        List<String> problems = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        assertThat(FILES.rules()).isNotEmpty();
        for (RuleGroup group : FILES.ruleGroups()) {
            if (group.name() == null || group.folder() == null || group.interval() == null || !group.interval().matches(DURATION)) {
                problems.add("group " + group.name() + ": name, folder and a duration interval are required");
            }
            Set<String> titles = new HashSet<>();
            for (AlertRule rule : group.rules()) {
                String where = "rule " + rule.title() + ": ";
                if (rule.uid() == null || !rule.uid().matches("[a-zA-Z0-9_-]{1,40}") || !uids.add(rule.uid())) {
                    problems.add(where + "uid must be unique, 1-40 letters, digits, - or _: " + rule.uid());
                }
                if (rule.title() == null || !titles.add(rule.title())) {
                    problems.add(where + "title missing or repeated in its group");
                }
                if (rule.pendingFor() != null && !rule.pendingFor().matches(DURATION)) {
                    problems.add(where + "for is no duration: " + rule.pendingFor());
                }
                if (!NO_DATA_STATES.contains(rule.noDataState()) || !ERROR_STATES.contains(rule.execErrState())) {
                    problems.add(where + "noDataState " + rule.noDataState() + " / execErrState " + rule.execErrState()
                            + " not among " + NO_DATA_STATES + " / " + ERROR_STATES);
                }
                if (rule.query(rule.condition()).isEmpty()) {
                    problems.add(where + "condition " + rule.condition() + " names no refId of data");
                }
                if (!SEVERITIES.contains(rule.labels().get("severity"))) {
                    problems.add(where + "label severity must be one of " + SEVERITIES + ", got " + rule.labels().get("severity"));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aMisspeltKeyFailsTheLoadInsteadOfBeingIgnoredAsGrafanaWould(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, "apiVersion: 1\ngroups:\n  - name: g\n    folder: Kedge\n    interval: 1m\n"
                + "    rules:\n      - uid: r\n        title: r\n        condition: A\n        noDataStat: OK\n");

        assertThatThrownBy(() -> Yaml.read(file, AlertingFile.class)).hasMessageContaining("noDataStat");
    }

    @Test
    void ruleStepsReferToEarlierStepsAndQueriesAreRawInfluxQlWithoutDashboardMacros() {
        Set<String> datasources = FILES.allDatasources().stream().map(Datasource::uid).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (AlertRule rule : FILES.rules()) {
            Set<String> earlier = new HashSet<>();
            for (AlertQuery step : rule.data()) {
                String where = rule.title() + " " + step.refId() + ": ";
                if (step.isExpression()) {
                    ExpressionModel expression = step.expression();
                    if (!earlier.contains(expression.expression())) {
                        problems.add(where + "reads " + expression.expression() + ", which is no earlier step");
                    }
                } else {
                    if (!datasources.contains(step.datasourceUid())) {
                        problems.add(where + "datasourceUid " + step.datasourceUid() + " is not provisioned");
                    }
                    AlertQuery.RelativeTimeRange range = step.relativeTimeRange();
                    if (range == null || range.from() == null || range.from() <= (range.to() == null ? 0 : range.to())) {
                        problems.add(where + "relativeTimeRange must reach back: from > to >= 0 seconds");
                    }
                    InfluxQueryModel model = step.influx();
                    if (!Boolean.TRUE.equals(model.rawQuery()) || !model.query().contains("$timeFilter")) {
                        problems.add(where + "a raw query (rawQuery: true) restricted by $timeFilter expected");
                    }
                    // $__interval means something else in a rule (intervalMs) than on a panel
                    List<String> refs = TemplateVariables.references(model.query());
                    refs.remove("timeFilter");
                    if (!refs.isEmpty()) {
                        problems.add(where + "only $timeFilter may appear in a rule's query, found " + refs);
                    }
                    try {
                        if (InfluxQlText.selectedColumns(model.query()).size() != 1) {
                            problems.add(where + "select exactly one value, one number per series");
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add(where + e.getMessage());
                    }
                }
                earlier.add(step.refId());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void rulesLinkToAnExistingPanelAndLiveInTheDashboardsFolder() {
        Set<String> folders = FILES.dashboardProviders().stream().map(p -> p.folder()).collect(Collectors.toSet());
        for (RuleGroup group : FILES.ruleGroups()) {
            assertThat(folders).as("folder of group " + group.name()).contains(group.folder());
            for (AlertRule rule : group.rules()) {
                Dashboard dashboard = FILES.dashboard(rule.dashboardUid());
                assertThat(dashboard.panel(rule.panelId())).as(rule.title() + " panelId " + rule.panelId()).isPresent();
            }
        }
    }

    @Test
    void aThresholdAnnotationStatesTheLevelOfTheThresholdStep() {
        // the alert function reads annotation threshold into the alert event's threshold
        for (AlertRule rule : FILES.rules()) {
            String annotated = rule.annotations().get("threshold");
            if (annotated == null) {
                continue;
            }
            ExpressionModel threshold = rule.query(rule.condition()).orElseThrow().expression();
            assertThat(threshold.type()).isEqualTo("threshold");
            assertThat(Double.parseDouble(annotated)).as(rule.title())
                    .isEqualTo(threshold.conditions().get(0).evaluator().params().get(0));
        }
    }

    @Test
    void policiesRouteToProvisionedContactPoints() {
        Set<String> names = FILES.contactPoints().stream().map(ContactPoint::name).collect(Collectors.toSet());
        List<NotificationPolicy> policies = FILES.policies().stream().flatMap(p -> p.flatten().stream()).toList();

        assertThat(FILES.policies()).isNotEmpty();
        assertThat(policies).allSatisfy(policy -> assertThat(names).contains(policy.receiver()));
        assertThat(policies).allSatisfy(policy -> assertThat(List.of(policy.groupWait(), policy.groupInterval(),
                policy.repeatInterval())).allMatch(d -> d == null || d.matches(DURATION)));
    }

    @Test
    void theContactPointPostsToTheAlertFunctionsGrafanaPathWithBearerCredentialsAndExplicitSigningHeaders() {
        // GIVEN Grafana's environment of a deployment
        Map<String, String> env = Map.of("KEDGE_ALERT_URL", "http://kedge-alert.kedge.svc.cluster.local",
                "KEDGE_GRAFANA_TOKEN", "t", "KEDGE_GRAFANA_HMAC", "s");
        EnvironmentExpansion expansion = new EnvironmentExpansion(env);
        List<Receiver> receivers = FILES.contactPoints().stream().flatMap(c -> c.receivers().stream()).toList();

        assertThat(receivers).isNotEmpty().allSatisfy(receiver -> {
            assertThat(receiver.type()).isEqualTo("webhook");
            WebhookSettings settings = WebhookRequest.expanded(receiver.settings(), expansion::expand);
            // THEN it reaches the function's route (functions/alert GrafanaRoute.PATH)
            assertThat(URI.create(settings.url())).hasPath("/grafana").hasHost("kedge-alert.kedge.svc.cluster.local");
            assertThat(settings.httpMethod()).isIn(null, "POST");
            // with one kind of credentials the function accepts: Bearer, its default scheme
            assertThat(settings.username()).isNull();
            assertThat(settings.authorizationScheme()).isEqualTo("Bearer");
            assertThat(settings.authorizationCredentials()).isEqualTo("t");
            // and headers set explicitly: Grafana's code default (X-Grafana-Alert-Signature) is not the function's
            assertThat(settings.hmacConfig().secret()).isEqualTo("s");
            assertThat(settings.hmacConfig().header()).isEqualTo("X-Grafana-Alerting-Signature");
            assertThat(settings.hmacConfig().timestampHeader()).isNotBlank();
        });
    }
}
