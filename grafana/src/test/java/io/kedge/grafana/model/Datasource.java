package io.kedge.grafana.model;

import java.util.Map;

/** One provisioned datasource; strings are raw, before Grafana's environment expansion. */
public record Datasource(
        String name,
        String uid,
        String type,
        String access,
        Integer orgId,
        Boolean isDefault,
        Boolean editable,
        String url,
        String user,
        Boolean basicAuth,
        String basicAuthUser,
        InfluxJsonData jsonData,
        Map<String, String> secureJsonData) {

    public Datasource {
        secureJsonData = secureJsonData == null ? Map.of() : Map.copyOf(secureJsonData);
    }
}
