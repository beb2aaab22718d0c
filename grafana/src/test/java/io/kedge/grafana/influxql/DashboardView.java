package io.kedge.grafana.influxql;

import io.kedge.grafana.interpolation.InfluxQlMacros;
import io.kedge.grafana.interpolation.Intervals;
import io.kedge.grafana.interpolation.TemplateVariables;
import io.kedge.grafana.interpolation.TemplateVariables.Selection;
import io.kedge.grafana.model.Dashboard;
import io.kedge.grafana.model.Dashboard.Annotation;
import io.kedge.grafana.model.Dashboard.Panel;
import io.kedge.grafana.model.Dashboard.Target;
import io.kedge.grafana.model.Dashboard.Variable;
import io.kedge.grafana.model.Datasource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A dashboard as Grafana shows it at one instant, over its default time range, with chosen
 * variable values: the InfluxQL each query becomes on its way to InfluxDB.
 *
 * <p>Order, as in Grafana: the variables are refreshed first, in their order, each query with the
 * earlier variables substituted; then each panel query gets the variables substituted (frontend,
 * {@link TemplateVariables}) and the macros expanded (backend, {@link InfluxQlMacros}) with the
 * panel's interval ({@link Intervals#calculate}, at a resolution of {@link #RESOLUTION} data
 * points unless the panel sets {@code maxDataPoints}). A panel with a relative time of its own
 * ({@code timeFrom}, Grafana's "Relative time" override) is queried over {@code now-<timeFrom>}
 * to {@code now} instead of the dashboard's range, as Grafana's {@code applyPanelTimeOverrides} does.
 */
public final class DashboardView {

    /**
     * Max data points of a panel without {@code maxDataPoints}: Grafana takes the panel's width in
     * pixels, which depends on the screen; 1000 stands for a half-width panel on a wide screen.
     */
    public static final int RESOLUTION = 1000;

    private final Datasource datasource;
    private final Instant now;
    private final Instant from;
    private final Instant to;
    private final TemplateVariables variables;
    private final Map<String, List<String>> options;

    private DashboardView(Datasource datasource, Instant now, Instant from, Instant to, TemplateVariables variables,
                          Map<String, List<String>> options) {
        this.datasource = datasource;
        this.now = now;
        this.from = from;
        this.to = to;
        this.variables = variables;
        this.options = options;
    }

    /**
     * @param run     runs expanded InfluxQL against the datasource's database
     * @param picks   chosen values per variable; a variable not named is on "All"
     * @param timeRange the range shown, e.g. the dashboard's default {@code now-6h}..{@code now}
     */
    public static DashboardView open(Dashboard dashboard, Datasource datasource, Function<String, List<Series>> run,
                                     Instant now, Dashboard.TimeRange timeRange, Map<String, List<String>> picks) {
        Instant from = Intervals.relative(timeRange.from(), now);
        Instant to = Intervals.relative(timeRange.to(), now);
        Map<String, Selection> selections = new LinkedHashMap<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (Variable variable : dashboard.templating().list()) {
            String query = expandVariableQuery(variable, new TemplateVariables(selections), from, to, datasource);
            List<String> values = new ArrayList<>();
            for (Series series : run.apply(query)) {
                series.column("value").forEach(v -> values.add(v.asText()));
            }
            options.put(variable.name(), List.copyOf(values));
            List<String> picked = picks.get(variable.name());
            selections.put(variable.name(), picked == null
                    ? Selection.all(variable.allValue(), values)
                    : new Selection(false, picked, null, List.of()));
        }
        return new DashboardView(datasource, now, from, to, new TemplateVariables(selections), options);
    }

    /** The options each variable's query returned, in variable order. */
    public Map<String, List<String>> variableOptions() {
        return options;
    }

    public String panelQuery(Panel panel, Target target) {
        return InfluxQlMacros.expand(variables.replace(target.query()), from(panel), to(panel), intervalMs(panel));
    }

    /** {@code $__interval} of {@code panel}, in milliseconds. */
    public long intervalMs(Panel panel) {
        String lowLimit = panel.interval() != null ? panel.interval() : datasource.jsonData().timeInterval();
        int resolution = panel.maxDataPoints() != null ? panel.maxDataPoints() : RESOLUTION;
        return Intervals.calculate(Duration.between(from(panel), to(panel)), resolution, lowLimit);
    }

    /** Where {@code panel}'s range starts: {@code now-<timeFrom>} with a relative time of its own, else the dashboard's. */
    public Instant from(Panel panel) {
        return panel.timeFrom() == null ? from : Intervals.relative("now-" + panel.timeFrom(), now);
    }

    /** Where {@code panel}'s range ends: {@code now} with a relative time of its own, else the dashboard's end. */
    public Instant to(Panel panel) {
        return panel.timeFrom() == null ? to : now;
    }

    public String annotationQuery(Annotation annotation) {
        return InfluxQlMacros.expand(variables.replace(annotation.query()), from, to, datasourceInterval(datasource, from, to));
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    private static String expandVariableQuery(Variable variable, TemplateVariables earlier, Instant from, Instant to,
                                              Datasource datasource) {
        return InfluxQlMacros.expand(earlier.replace(variable.query()), from, to, datasourceInterval(datasource, from, to));
    }

    private static long datasourceInterval(Datasource datasource, Instant from, Instant to) {
        return Intervals.calculate(Duration.between(from, to), RESOLUTION, datasource.jsonData().timeInterval());
    }
}
