package io.kedge.grafana;

import static io.kedge.grafana.GrafanaFolder.FILES;
import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.grafana.interpolation.Intervals;
import io.kedge.grafana.model.Datasource;
import io.kedge.grafana.model.DatasourcesFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Verifies the datasource provisioning (and its 2.x variant) against what Kedge stores and what Grafana requires. */
class DatasourceFilesTest {

    @Test
    void everyDatasourceIsAnInfluxQlSourceOfTheStoresDatabaseWithAFixedUid() {
        List<String> problems = new ArrayList<>();
        Map<Path, DatasourcesFile> all = new java.util.LinkedHashMap<>(FILES.datasources());
        all.putAll(FILES.variants());
        all.forEach((file, content) -> {
            assertThat(content.apiVersion()).as(file + " apiVersion").isEqualTo(1);
            for (Datasource ds : content.datasources()) {
                String where = file.getFileName() + " " + ds.name() + ": ";
                if (ds.uid() == null || !ds.uid().matches("[a-zA-Z0-9_-]{1,40}")) {
                    problems.add(where + "uid must be set (1-40 letters, digits, - or _), got " + ds.uid());
                }
                if (!"influxdb".equals(ds.type()) || !"proxy".equals(ds.access())) {
                    problems.add(where + "type influxdb with access proxy expected, got " + ds.type() + "/" + ds.access());
                }
                if (ds.url() == null || ds.url().isBlank()) {
                    problems.add(where + "url is required");
                }
                if (ds.jsonData() == null) {
                    problems.add(where + "jsonData is required");
                    continue;
                }
                if (!"InfluxQL".equals(ds.jsonData().version())) {
                    problems.add(where + "jsonData.version must be InfluxQL (the dashboard's queries are InfluxQL), got "
                            + ds.jsonData().version());
                }
                // the store function's default database (functions/store: kedge.store.influx.database)
                if (!"sensor_data".equals(ds.jsonData().dbName())) {
                    problems.add(where + "jsonData.dbName must be sensor_data, got " + ds.jsonData().dbName());
                }
                if (!List.of("GET", "POST").contains(ds.jsonData().httpMode())) {
                    problems.add(where + "jsonData.httpMode must be GET or POST, got " + ds.jsonData().httpMode());
                }
                try {
                    Intervals.toMillis(ds.jsonData().timeInterval());
                } catch (RuntimeException e) {
                    problems.add(where + "jsonData.timeInterval: " + e.getMessage());
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void uidsAreUniqueAndOneDatasourceIsTheDefault() {
        Set<String> uids = new HashSet<>();
        List<String> duplicates = FILES.allDatasources().stream().map(Datasource::uid).filter(uid -> !uids.add(uid)).toList();

        assertThat(duplicates).isEmpty();
        assertThat(FILES.allDatasources()).filteredOn(d -> Boolean.TRUE.equals(d.isDefault())).hasSize(1);
        assertThat(uids).contains(GrafanaFolder.DATASOURCE_UID);
    }

    @Test
    void theV2VariantReplacesTheDefaultDatasourceOneForOne() {
        // GIVEN the default datasource and the variant meant to be mounted instead of it
        Datasource standard = FILES.datasource(GrafanaFolder.DATASOURCE_UID);
        List<Datasource> variants = FILES.variants().values().stream().flatMap(f -> f.datasources().stream()).toList();

        // THEN name, uid and database agree, so the dashboard and the rules need no change
        assertThat(variants).isNotEmpty().allSatisfy(variant -> {
            assertThat(variant.uid()).isEqualTo(standard.uid());
            assertThat(variant.name()).isEqualTo(standard.name());
            assertThat(variant.jsonData().dbName()).isEqualTo(standard.jsonData().dbName());
            assertThat(variant.jsonData().timeInterval()).isEqualTo(standard.jsonData().timeInterval());
        });
    }
}
