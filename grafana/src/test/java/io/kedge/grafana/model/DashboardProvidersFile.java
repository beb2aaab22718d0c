package io.kedge.grafana.model;

import java.util.List;

/** A file of {@code provisioning/dashboards/}: where Grafana finds dashboard JSON files. */
public record DashboardProvidersFile(Integer apiVersion, List<DashboardProvider> providers) {

    public DashboardProvidersFile {
        providers = providers == null ? List.of() : List.copyOf(providers);
    }

    /** One file provider. */
    public record DashboardProvider(
            String name,
            Integer orgId,
            String folder,
            String folderUid,
            String type,
            Boolean disableDeletion,
            Boolean allowUiUpdates,
            Integer updateIntervalSeconds,
            Options options) {
    }

    /** {@code options} of a file provider. */
    public record Options(String path, Boolean foldersFromFilesStructure) {
    }
}
