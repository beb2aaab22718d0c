package io.kedge.grafana.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provisioned alert rule. Grafana keeps {@code data[].model} and {@code annotations} raw and
 * expands the environment in the other strings.
 *
 * @param title     becomes the {@code alertname} label, and the rule of Kedge's alert event
 * @param condition refId of the query or expression whose result decides firing
 * @param pendingFor the rule's {@code for}: how long the condition must hold
 */
public record AlertRule(
        String uid,
        String title,
        String condition,
        @JsonProperty("for") String pendingFor,
        String noDataState,
        String execErrState,
        String dashboardUid,
        Integer panelId,
        Boolean isPaused,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<AlertQuery> data) {

    public AlertRule {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        data = data == null ? List.of() : List.copyOf(data);
    }

    public Optional<AlertQuery> query(String refId) {
        return data.stream().filter(q -> refId.equals(q.refId())).findFirst();
    }
}
