package io.kedge.grafana.model;

import java.util.List;

/**
 * A file of {@code provisioning/datasources/}, with the keys Grafana's datasource provisioning
 * reads ({@code pkg/services/provisioning/datasources/types.go}); any other key fails the load.
 */
public record DatasourcesFile(Integer apiVersion, Boolean prune, List<Datasource> datasources) {

    public DatasourcesFile {
        datasources = datasources == null ? List.of() : List.copyOf(datasources);
    }
}
