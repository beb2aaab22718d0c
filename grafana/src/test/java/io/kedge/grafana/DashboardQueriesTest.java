package io.kedge.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kedge.grafana.influxql.DashboardView;
import io.kedge.grafana.influxql.InfluxQlText;
import io.kedge.grafana.influxql.Series;
import io.kedge.grafana.model.Dashboard;
import io.kedge.grafana.model.Dashboard.Annotation;
import io.kedge.grafana.model.Dashboard.Panel;
import io.kedge.grafana.model.Dashboard.Target;
import io.kedge.grafana.pipeline.Feed;
import io.kedge.grafana.pipeline.PipelineData;
import io.kedge.grafana.pipeline.PipelineExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies that every query of the dashboard, after Grafana's substitutions, runs against a real
 * InfluxDB holding data the real store function wrote, and returns the columns it names with
 * values, for every device on "All" and only the chosen ones on a selection.
 */
@ExtendWith(PipelineExtension.class)
class DashboardQueriesTest {

    private static final Dashboard DASHBOARD = GrafanaFolder.FILES.dashboard(GrafanaFolder.DASHBOARD_UID);
    private static final Set<String> ALL_DEVICES = Feed.DEVICES.stream().map(Feed.Device::id).collect(Collectors.toSet());
    private static final Set<String> ALERTED_DEVICES = Set.of(Feed.KITCHEN.id(), Feed.SHED.id(), Feed.LAB.id());
    /** Two devices whose ids need regex escaping and plain ones, on a multi-value selection. */
    private static final List<String> PICKED = List.of(Feed.LAB.id(), Feed.KITCHEN.id());

    private static StoredData data;

    @BeforeAll
    static void feed(PipelineData pipeline) {
        data = new StoredData(pipeline);
    }

    static Stream<Arguments> panelTargets() {
        return DASHBOARD.panels().stream().flatMap(panel -> panel.targets().stream()
                .map(target -> Arguments.of(panel.title() + " " + target.refId(), panel, target)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panelTargets")
    void onAllEveryPanelQueryReturnsItsNamedColumnsWithValuesForEveryStoredDevice(String name, Panel panel, Target target) {
        DashboardView view = data.view(DASHBOARD, DASHBOARD.time(), Map.of());

        List<Series> result = data.run(view.panelQuery(panel, target));

        assertNamedColumnsWithValues(name, target.query(), result);
        assertThat(result).allSatisfy(series -> assertThat(series.tags().keySet())
                .containsExactlyInAnyOrderElementsOf(InfluxQlText.groupByTags(target.query())));
        Set<String> devices = StoredData.devices(result);
        if (!devices.isEmpty() && readsAlerts(target.query())) {
            // other tests may add alerts (ContactPointTest stores the one Grafana raised)
            assertThat(devices).as(name + " devices").containsAll(ALERTED_DEVICES).isSubsetOf(ALL_DEVICES);
        } else if (!devices.isEmpty()) {
            assertThat(devices).as(name + " devices").containsExactlyInAnyOrderElementsOf(ALL_DEVICES);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panelTargets")
    void aSelectionOfDevicesNarrowsEveryPanelToThem(String name, Panel panel, Target target) {
        // GIVEN two devices picked, one of them with / and . in its id
        DashboardView view = data.view(DASHBOARD, DASHBOARD.time(), Map.of("device", PICKED));

        // WHEN the panel's query runs with the selection substituted
        List<Series> result = data.run(view.panelQuery(panel, target));

        // THEN there are rows, and only of the picked devices
        assertNamedColumnsWithValues(name, target.query(), result);
        if (!StoredData.devices(result).isEmpty()) {
            assertThat(StoredData.devices(result)).as(name).containsExactlyInAnyOrderElementsOf(PICKED);
        }
    }

    @Test
    void theDatasourceReachesTheInfluxDbTheStoreWritesTo(PipelineData pipeline) {
        assertThat(data.datasourceUrl()).isEqualTo(pipeline.influx.url());
    }

    @Test
    void variablesOfferEveryStoredLocationAndDevice() {
        DashboardView view = data.view(DASHBOARD, DASHBOARD.time(), Map.of());

        assertThat(view.variableOptions().get("location")).containsExactlyInAnyOrderElementsOf(
                Feed.DEVICES.stream().map(Feed.Device::location).filter(Objects::nonNull).toList());
        assertThat(view.variableOptions().get("device")).containsExactlyInAnyOrderElementsOf(ALL_DEVICES);
    }

    @Test
    void theDeviceVariableOffersOnlyTheDevicesOfTheChosenLocation() {
        DashboardView view = data.view(DASHBOARD, DASHBOARD.time(), Map.of("location", List.of(Feed.LAB.location())));

        assertThat(view.variableOptions().get("device")).containsExactly(Feed.LAB.id());
    }

    @Test
    void temperatureAndHumidityShowTheStoredValuesPerDevice() {
        DashboardView view = data.view(DASHBOARD, DASHBOARD.time(), Map.of());
        Panel temperature = panel("Temperature");
        Panel humidity = panel("Humidity");

        List<Series> temperatures = data.run(view.panelQuery(temperature, temperature.targets().get(0)));
        List<Series> humidities = data.run(view.panelQuery(humidity, humidity.targets().get(0)));

        for (Feed.Device device : Feed.DEVICES) {
            assertThat(only(temperatures, device).numbers("temperature")).as(device.id())
                    .allSatisfy(t -> assertThat(t).isCloseTo(device.temperature(), within(0.51)));
            assertThat(only(humidities, device).numbers("humidity")).as(device.id())
                    .allSatisfy(h -> assertThat(h).isCloseTo(device.humidity(), within(0.51)));
            assertThat(only(temperatures, device).tags().get("location")).isEqualTo(
                    device.location() == null ? "" : device.location());
        }
    }

    @Test
    void lastReadingShowsTheSampleTimeOfEachDevicesNewestReading() {
        // GIVEN the stat panel shows the Time field of the last value (unit dateTimeFromNow)
        Panel stat = panel("Last reading");
        assertThat(stat.options().path("reduceOptions").path("fields").asText()).isEqualTo("/^Time$/");
        DashboardView view = data.view(DASHBOARD, DASHBOARD.time(), Map.of());

        List<Series> result = data.run(view.panelQuery(stat, stat.targets().get(0)));

        // THEN that time is the newest sample, NEWEST_AGE_SECONDS before the feed
        long newest = data.fedAt().minusSeconds(Feed.NEWEST_AGE_SECONDS).toEpochMilli();
        for (Feed.Device device : Feed.DEVICES) {
            assertThat(only(result, device).column("time").get(0).asLong()).as(device.id()).isEqualTo(newest);
        }
    }

    @Test
    void readingsPerMinuteAddUpToTheReadingsStored() {
        // GIVEN one reading a minute per device, and buckets of the panel's 1m interval
        Panel rate = panel("Readings per minute");
        DashboardView view = data.view(DASHBOARD, DASHBOARD.time(), Map.of());
        assertThat(view.intervalMs(rate)).isEqualTo(60_000);

        List<Series> result = data.run(view.panelQuery(rate, rate.targets().get(0)));

        // THEN every full minute shows 1 reading/min, and the minutes add up to all readings
        for (Feed.Device device : Feed.DEVICES) {
            List<Double> perMinute = only(result, device).numbers("readings_per_minute");
            assertThat(perMinute).as(device.id()).allSatisfy(v -> assertThat(v).isIn(0.0, 1.0));
            assertThat(perMinute.stream().mapToDouble(Double::doubleValue).sum()).as(device.id()).isEqualTo(Feed.MINUTES);
        }
    }

    @Test
    void rejectedReadingsPerMinuteCountEachRejectionOnceUnderItsFirstCode() {
        // GIVEN buckets of the panel's 1m interval over the dashboard's 6 hours
        Panel rejected = panel("Rejected readings per minute");
        DashboardView view = data.view(DASHBOARD, DASHBOARD.time(), Map.of());
        assertThat(view.intervalMs(rejected)).isEqualTo(60_000);

        List<Series> result = data.run(view.panelQuery(rejected, rejected.targets().get(0)));

        // THEN per code the minutes add up to the rejections fed with that first code, the unknown device's included
        Map<String, Long> fed = Feed.REJECTIONS.stream()
                .collect(Collectors.groupingBy(r -> r.codes()[0], Collectors.counting()));
        assertThat(result).extracting(series -> series.tags().get("code")).containsExactlyInAnyOrderElementsOf(fed.keySet());
        for (Series series : result) {
            double total = series.numbers("rejected_per_minute").stream().mapToDouble(Double::doubleValue).sum();
            assertThat(total).as(series.tags().get("code")).isEqualTo(fed.get(series.tags().get("code")).doubleValue());
        }
    }

    @Test
    void rejectedReadingsOfAPickedDeviceAreItsOwnOnly() {
        Panel rejected = panel("Rejected readings per minute");
        DashboardView view = data.view(DASHBOARD, DASHBOARD.time(), Map.of("device", List.of(Feed.LAB.id())));

        List<Series> result = data.run(view.panelQuery(rejected, rejected.targets().get(0)));

        // the lab's two rejections: one too hot (and zone-less), one zone-less
        assertThat(result).extracting(series -> series.tags().get("code") + "="
                        + series.numbers("rejected_per_minute").stream().mapToDouble(Double::doubleValue).sum())
                .containsExactlyInAnyOrder("out_of_range=1.0", "time_without_zone=1.0");
    }

    @Test
    void theLongRangePanelReachesBackThirtyDaysThroughTheMinuteSummaries() {
        // GIVEN the panel's own range, the last 30 days, in buckets of 30 minutes (30 d / 1000 points, rounded)
        Panel longRange = panel("Temperature, 1-minute means, last 30 days");
        DashboardView view = data.view(DASHBOARD, DASHBOARD.time(), Map.of());
        assertThat(view.from(longRange)).isEqualTo(view.to(longRange).minus(java.time.Duration.ofDays(30)));
        assertThat(view.intervalMs(longRange)).isEqualTo(1_800_000);

        List<Series> result = data.run(view.panelQuery(longRange, longRange.targets().get(0)));

        // THEN every device has the summaries' means, from the last hour and from 20 days ago,
        // the latter far outside the dashboard's 6 hours
        long sixHoursAgo = data.fedAt().minus(java.time.Duration.ofHours(6)).toEpochMilli();
        for (Feed.Device device : Feed.DEVICES) {
            Series series = only(result, device);
            assertThat(series.numbers("temperature")).as(device.id()).isNotEmpty()
                    .allSatisfy(t -> assertThat(t).isCloseTo(device.temperature(), within(0.001)));
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < series.column("time").size(); i++) {
                if (!series.column("temperature").get(i).isNull()) {
                    times.add(series.column("time").get(i).asLong());
                }
            }
            assertThat(times).as(device.id() + " buckets with values")
                    .anyMatch(t -> t < sixHoursAgo).anyMatch(t -> t >= sixHoursAgo);
        }
    }

    @Test
    void aShortRangeGetsTheDatasourcesMinimumIntervalAndStillReturnsData() {
        Dashboard.TimeRange lastQuarter = new Dashboard.TimeRange("now-15m", "now");
        DashboardView view = data.view(DASHBOARD, lastQuarter, Map.of());
        Panel temperature = panel("Temperature");

        String query = view.panelQuery(temperature, temperature.targets().get(0));

        assertThat(query).contains("GROUP BY time(2s)");
        assertNamedColumnsWithValues("Temperature, last 15 minutes", temperature.targets().get(0).query(), data.run(query));
    }

    @Test
    void alertAnnotationsShowTheStoredAlertEvents() {
        DashboardView view = data.view(DASHBOARD, DASHBOARD.time(), Map.of());

        for (Annotation annotation : DASHBOARD.annotations().list()) {
            List<Series> result = data.run(view.annotationQuery(annotation));

            assertNamedColumnsWithValues(annotation.name(), annotation.query(), result);
            List<String> states = result.stream().flatMap(s -> s.column("state").stream()).map(v -> v.asText()).toList();
            // the feed's four alert events at least (ContactPointTest may have stored more)
            assertThat(states).contains("firing", "resolved").hasSizeGreaterThanOrEqualTo(Feed.alerts(data.fedAt()).size());
        }
    }

    /** Columns time + every named select expression; each named column has a value somewhere. */
    private static void assertNamedColumnsWithValues(String name, String query, List<Series> result) {
        List<String> named = InfluxQlText.selectedColumns(query);
        List<String> expected = new ArrayList<>(List.of("time"));
        expected.addAll(named);
        assertThat(result).as(name + ": series").isNotEmpty();
        assertThat(result).allSatisfy(series -> assertThat(series.columns()).as(name).containsExactlyElementsOf(expected));
        assertThat(named).allSatisfy(column -> assertThat(result).as(name + " column " + column)
                .anyMatch(series -> series.hasValues(column)));
    }

    private static boolean readsAlerts(String query) {
        return query.contains("FROM \"alerts\"");
    }

    private static Panel panel(String title) {
        return DASHBOARD.panels().stream().filter(p -> p.title().equals(title)).findFirst().orElseThrow();
    }

    private static Series only(List<Series> result, Feed.Device device) {
        List<Series> matching = result.stream().filter(s -> device.id().equals(s.tags().get("device"))).toList();
        assertThat(matching).as("series of " + device.id()).hasSize(1);
        return matching.get(0);
    }
}
