package io.kedge.grafana;

import static io.kedge.grafana.GrafanaFolder.FILES;
import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.grafana.influxql.InfluxQlText;
import io.kedge.grafana.interpolation.Intervals;
import io.kedge.grafana.interpolation.TemplateVariables;
import io.kedge.grafana.model.Dashboard;
import io.kedge.grafana.model.Dashboard.Annotation;
import io.kedge.grafana.model.Dashboard.GridPos;
import io.kedge.grafana.model.Dashboard.Panel;
import io.kedge.grafana.model.Dashboard.Target;
import io.kedge.grafana.model.Dashboard.Variable;
import io.kedge.grafana.model.DashboardProvidersFile.DashboardProvider;
import io.kedge.grafana.model.Datasource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Verifies the dashboard files as Grafana would load them and as the queries must be written for
 * the checks against InfluxDB to mean something: references resolve, queries are raw InfluxQL
 * with {@code $timeFilter}, every column is named, aliases name grouped tags.
 */
class DashboardFileTest {

    /** What Grafana's backend expands; any other {@code $name} must be a dashboard variable. */
    private static final Set<String> MACROS = Set.of("timeFilter", "interval", "__interval", "__interval_ms");

    @Test
    void dashboardsHaveStableUniqueUidsAndAValidTimeRange() {
        Set<String> uids = new HashSet<>();
        assertThat(FILES.dashboards()).isNotEmpty();
        FILES.dashboards().forEach((file, dashboard) -> {
            assertThat(dashboard.uid()).as(file + " uid").matches("[a-zA-Z0-9_-]{1,40}");
            assertThat(uids.add(dashboard.uid())).as(file + " uid unique").isTrue();
            assertThat(dashboard.title()).as(file + " title").isNotBlank();
            assertThat(dashboard.schemaVersion()).as(file + " schemaVersion").isNotNull();
            Instant now = Instant.now();
            assertThat(Intervals.relative(dashboard.time().from(), now)).isBefore(Intervals.relative(dashboard.time().to(), now));
        });
        assertThat(uids).contains(GrafanaFolder.DASHBOARD_UID);
    }

    @Test
    void everyDatasourceReferenceResolvesToAProvisionedDatasource() {
        Set<String> provisioned = FILES.allDatasources().stream().map(Datasource::uid).collect(Collectors.toSet());
        List<String> references = new ArrayList<>();
        for (Dashboard dashboard : FILES.dashboards().values()) {
            for (Panel panel : dashboard.panels()) {
                references.add(panel.datasource().uid());
                panel.targets().forEach(t -> references.add(t.datasource().uid()));
            }
            dashboard.templating().list().forEach(v -> references.add(v.datasource().uid()));
            dashboard.annotations().list().forEach(a -> references.add(a.datasource().uid()));
        }

        assertThat(references).isNotEmpty().allSatisfy(uid -> assertThat(provisioned).contains(uid));
    }

    @Test
    void panelsHaveUniqueIdsAndTileTheGridWithoutOverlap() {
        List<String> problems = new ArrayList<>();
        for (Dashboard dashboard : FILES.dashboards().values()) {
            Set<Integer> ids = new HashSet<>();
            List<Panel> panels = dashboard.panels();
            for (Panel panel : panels) {
                if (panel.id() == null || !ids.add(panel.id())) {
                    problems.add(panel.title() + ": id missing or repeated: " + panel.id());
                }
                GridPos p = panel.gridPos();
                if (p.x() < 0 || p.w() < 1 || p.x() + p.w() > 24 || p.y() < 0 || p.h() < 1) {
                    problems.add(panel.title() + ": gridPos outside the 24-column grid: " + p);
                }
            }
            for (int i = 0; i < panels.size(); i++) {
                for (int j = i + 1; j < panels.size(); j++) {
                    if (overlap(panels.get(i).gridPos(), panels.get(j).gridPos())) {
                        problems.add(panels.get(i).title() + " overlaps " + panels.get(j).title());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aPanelsOwnRelativeTimeIsOneGrafanaUnderstands() {
        List<String> problems = new ArrayList<>();
        for (Dashboard dashboard : FILES.dashboards().values()) {
            for (Panel panel : dashboard.panels()) {
                // Grafana's describeTextRange takes "30d" as now-30d to now; "now-30d" or "30 days" it would misread
                if (panel.timeFrom() != null && !panel.timeFrom().matches("\\d+[smhdwy]")) {
                    problems.add(panel.title() + ": timeFrom must be a number and a unit such as 30d, got " + panel.timeFrom());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void panelQueriesAreRawInfluxQlOverTheTimeFilterWithNamedColumnsAndAliasesOfGroupedTags() {
        List<String> problems = new ArrayList<>();
        for (Dashboard dashboard : FILES.dashboards().values()) {
            Set<String> variables = dashboard.templating().list().stream().map(Variable::name).collect(Collectors.toSet());
            for (Panel panel : dashboard.panels()) {
                assertThat(panel.targets()).as(panel.title() + " targets").isNotEmpty();
                for (Target target : panel.targets()) {
                    String where = panel.title() + " " + target.refId() + ": ";
                    if (!Boolean.TRUE.equals(target.rawQuery())) {
                        problems.add(where + "rawQuery must be true, or Grafana ignores the query text");
                    }
                    if (!List.of("time_series", "table").contains(target.resultFormat())) {
                        problems.add(where + "resultFormat must be time_series or table, got " + target.resultFormat());
                    }
                    problems.addAll(queryProblems(where, target.query(), variables));
                    Set<String> grouped = InfluxQlText.groupByTags(target.query());
                    for (String tag : InfluxQlText.aliasTags(target.alias())) {
                        if (!grouped.contains(tag)) {
                            problems.add(where + "alias names $tag_" + tag + " but the query does not GROUP BY " + tag);
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void variablesAreTagValueQueriesReferringOnlyToEarlierVariables() {
        List<String> problems = new ArrayList<>();
        for (Dashboard dashboard : FILES.dashboards().values()) {
            Set<String> earlier = new HashSet<>();
            for (Variable variable : dashboard.templating().list()) {
                String where = "variable " + variable.name() + ": ";
                if (!"query".equals(variable.type()) || !variable.query().startsWith("SHOW TAG VALUES")) {
                    problems.add(where + "a query variable with SHOW TAG VALUES expected");
                }
                if (Boolean.TRUE.equals(variable.includeAll()) && variable.allValue() == null) {
                    // without allValue, "All" enumerates today's values and misses a device added later
                    problems.add(where + "includeAll needs allValue .*");
                }
                for (String name : TemplateVariables.references(variable.query())) {
                    if (!earlier.contains(name) && !MACROS.contains(name)) {
                        problems.add(where + "refers to $" + name + ", which is no earlier variable");
                    }
                }
                earlier.add(variable.name());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void annotationsShowColumnsTheirQuerySelects() {
        List<String> problems = new ArrayList<>();
        for (Dashboard dashboard : FILES.dashboards().values()) {
            Set<String> variables = dashboard.templating().list().stream().map(Variable::name).collect(Collectors.toSet());
            for (Annotation annotation : dashboard.annotations().list()) {
                String where = "annotation " + annotation.name() + ": ";
                problems.addAll(queryProblems(where, annotation.query(), variables));
                List<String> columns = InfluxQlText.selectedColumns(annotation.query());
                List<String> shown = new ArrayList<>(List.of(annotation.titleColumn(), annotation.textColumn()));
                shown.addAll(List.of(annotation.tagsColumn().split(",")));
                shown.stream().map(String::strip).filter(c -> !columns.contains(c))
                        .forEach(c -> problems.add(where + "shows column " + c + ", which the query does not select"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theDashboardProviderLoadsFromTheMountPathTheReadmeNames() {
        List<DashboardProvider> providers = FILES.dashboardProviders();

        assertThat(providers).isNotEmpty().allSatisfy(provider -> {
            assertThat(provider.type()).isEqualTo("file");
            assertThat(provider.options().path()).startsWith("/");
            assertThat(provider.folder()).isNotBlank();
            assertThat(provider.options().foldersFromFilesStructure()).isNotEqualTo(Boolean.TRUE);
            assertThat(GrafanaFolder.readme()).contains(provider.options().path());
        });
    }

    private static List<String> queryProblems(String where, String query, Set<String> variables) {
        List<String> problems = new ArrayList<>();
        if (!query.contains("$timeFilter")) {
            problems.add(where + "the query must restrict time with $timeFilter");
        }
        for (String name : TemplateVariables.references(query)) {
            if (!variables.contains(name) && !MACROS.contains(name)) {
                problems.add(where + "$" + name + " is neither a dashboard variable nor a Grafana macro");
            }
        }
        try {
            InfluxQlText.selectedColumns(query);
        } catch (IllegalArgumentException e) {
            problems.add(where + e.getMessage());
        }
        return problems;
    }

    private static boolean overlap(GridPos a, GridPos b) {
        return a.x() < b.x() + b.w() && b.x() < a.x() + a.w() && a.y() < b.y() + b.h() && b.y() < a.y() + a.h();
    }
}
