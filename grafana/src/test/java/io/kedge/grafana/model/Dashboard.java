package io.kedge.grafana.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A dashboard JSON file, with the keys Kedge's dashboards use. Panel {@code options} and
 * {@code fieldConfig} depend on the panel type and are kept as trees.
 */
public record Dashboard(
        String uid,
        String title,
        String description,
        List<String> tags,
        Boolean editable,
        Integer graphTooltip,
        String timezone,
        Integer schemaVersion,
        Integer version,
        String refresh,
        TimeRange time,
        Templating templating,
        Annotations annotations,
        List<Panel> panels) {

    public Dashboard {
        tags = tags == null ? List.of() : List.copyOf(tags);
        panels = panels == null ? List.of() : List.copyOf(panels);
        templating = templating == null ? new Templating(List.of()) : templating;
        annotations = annotations == null ? new Annotations(List.of()) : annotations;
    }

    public Optional<Panel> panel(int id) {
        return panels.stream().filter(p -> p.id() != null && p.id() == id).findFirst();
    }

    /** {@code from}/{@code to} as Grafana writes them: {@code now-6h}, {@code now}. */
    public record TimeRange(String from, String to) {
    }

    public record Templating(List<Variable> list) {

        public Templating {
            list = list == null ? List.of() : List.copyOf(list);
        }
    }

    public record Annotations(List<Annotation> list) {

        public Annotations {
            list = list == null ? List.of() : List.copyOf(list);
        }
    }

    /** A datasource reference: by uid, never by name. */
    public record DatasourceRef(String type, String uid) {
    }

    public record GridPos(int x, int y, int w, int h) {
    }

    /**
     * A query variable.
     *
     * @param allValue what "All" stands for, inserted unescaped; without it, every option joined
     */
    public record Variable(
            String name,
            String label,
            String type,
            DatasourceRef datasource,
            String query,
            String definition,
            Integer refresh,
            Integer sort,
            Boolean multi,
            Boolean includeAll,
            String allValue,
            JsonNode current) {
    }

    /** An InfluxQL annotation query (the classic form, which Grafana migrates on load). */
    public record Annotation(
            String name,
            DatasourceRef datasource,
            Boolean enable,
            Boolean hide,
            String iconColor,
            String query,
            String titleColumn,
            String textColumn,
            String tagsColumn) {
    }

    /**
     * A panel.
     *
     * @param interval the panel's minimum interval; overrides the datasource's {@code timeInterval}
     * @param timeFrom the panel's own relative time range ({@code 30d}: the last 30 days up to now),
     *                 in place of the dashboard's; {@code null} for the dashboard's
     */
    public record Panel(
            Integer id,
            String type,
            String title,
            String description,
            GridPos gridPos,
            DatasourceRef datasource,
            String interval,
            Integer maxDataPoints,
            String timeFrom,
            List<Target> targets,
            JsonNode fieldConfig,
            JsonNode options) {

        public Panel {
            targets = targets == null ? List.of() : List.copyOf(targets);
        }
    }

    /** An InfluxQL query of a panel. */
    public record Target(
            String refId,
            DatasourceRef datasource,
            Boolean rawQuery,
            String resultFormat,
            String alias,
            Boolean hide,
            String query) {
    }
}
