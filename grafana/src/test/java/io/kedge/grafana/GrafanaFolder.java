package io.kedge.grafana;

import io.kedge.grafana.model.GrafanaFiles;
import io.kedge.testkit.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The repository's {@code grafana/} folder, loaded once. */
final class GrafanaFolder {

    static final GrafanaFiles FILES = GrafanaFiles.load(Repo.path("grafana"));
    static final String DASHBOARD_UID = "kedge-sensors";
    static final String DATASOURCE_UID = "kedge-influxdb";

    static String readme() {
        try {
            return Files.readString(Repo.path("grafana/README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GrafanaFolder() {
    }
}
