package io.kedge.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kedge.grafana.alerting.RuleEvaluation;
import io.kedge.grafana.influxql.InfluxQlText;
import io.kedge.grafana.influxql.RuleQueries;
import io.kedge.grafana.influxql.Series;
import io.kedge.grafana.model.AlertQuery;
import io.kedge.grafana.model.AlertRule;
import io.kedge.grafana.pipeline.Feed;
import io.kedge.grafana.pipeline.PipelineData;
import io.kedge.grafana.pipeline.PipelineExtension;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies every alert rule's query against the stored pipeline data, as Grafana's evaluation at
 * "now" expands it, and that the rules decide as intended on that data.
 */
@ExtendWith(PipelineExtension.class)
class AlertRuleQueriesTest {

    static final String TEMPERATURE_HIGH = "kedge-temperature-high";
    static final String NO_READINGS = "kedge-no-readings";

    private static StoredData data;

    @BeforeAll
    static void feed(PipelineData pipeline) {
        data = new StoredData(pipeline);
    }

    static Stream<Arguments> ruleQueries() {
        return GrafanaFolder.FILES.rules().stream().flatMap(rule -> rule.data().stream()
                .filter(step -> !step.isExpression())
                .map(step -> Arguments.of(rule.title() + " " + step.refId(), step)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleQueries")
    void everyRuleQueryReturnsOneNamedValuePerGroupedSeries(String name, AlertQuery step) {
        List<Series> result = data.run(RuleQueries.expand(step, Instant.now()));

        List<String> named = InfluxQlText.selectedColumns(step.influx().query());
        assertThat(result).as(name).isNotEmpty().allSatisfy(series -> {
            assertThat(series.columns()).containsExactly("time", named.get(0));
            assertThat(series.hasValues(named.get(0))).isTrue();
            assertThat(series.tags().keySet()).containsExactlyInAnyOrderElementsOf(InfluxQlText.groupByTags(step.influx().query()));
        });
    }

    @Test
    void temperatureHighFiresForTheHotGarageAlone() {
        RuleEvaluation.Outcome outcome = data.evaluate(rule(TEMPERATURE_HIGH), Instant.now());

        assertThat(outcome.noData()).isFalse();
        assertThat(outcome.instances()).hasSize(Feed.DEVICES.size());
        assertThat(outcome.firing()).singleElement().satisfies(instance -> {
            assertThat(instance.labels()).containsEntry("device", Feed.GARAGE.id()).containsEntry("location", Feed.GARAGE.location());
            assertThat(instance.values().get("B")).isCloseTo(Feed.GARAGE.temperature(), within(0.51));
            assertThat(instance.values()).containsEntry("C", 1.0);
        });
    }

    @Test
    void noReadingsStaysQuietWhileReadingsArriveAndHasNoDataWhenNoneWereStored() {
        AlertRule rule = rule(NO_READINGS);

        RuleEvaluation.Outcome now = data.evaluate(rule, Instant.now());
        // an hour after the last reading: nothing in the window, Grafana's NoData state
        RuleEvaluation.Outcome later = data.evaluate(rule, data.fedAt().plusSeconds(3_600));

        assertThat(now.noData()).isFalse();
        assertThat(now.firing()).isEmpty();
        assertThat(later.noData()).isTrue();
        assertThat(rule.noDataState()).as("NoData must fire").isEqualTo("Alerting");
    }

    static AlertRule rule(String uid) {
        return GrafanaFolder.FILES.rules().stream().filter(r -> r.uid().equals(uid)).findFirst().orElseThrow();
    }
}
