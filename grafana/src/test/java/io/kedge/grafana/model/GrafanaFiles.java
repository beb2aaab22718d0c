package io.kedge.grafana.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every file of the {@code grafana/} folder, each loaded with its typed model. A file in none of
 * the known places (or with another extension) fails the load, so nothing escapes the checks.
 *
 * @param datasources      {@code provisioning/datasources/*.yaml}
 * @param providers        {@code provisioning/dashboards/*.yaml}
 * @param alerting         {@code provisioning/alerting/*.yaml}
 * @param dashboards       {@code dashboards/*.json}
 * @param variants         {@code variants/<name>/*.yaml}: datasource files to mount instead of the default
 */
public record GrafanaFiles(
        Path root,
        Map<Path, DatasourcesFile> datasources,
        Map<Path, DashboardProvidersFile> providers,
        Map<Path, AlertingFile> alerting,
        Map<Path, Dashboard> dashboards,
        Map<Path, DatasourcesFile> variants) {

    public static GrafanaFiles load(Path root) {
        Map<Path, DatasourcesFile> datasources = new LinkedHashMap<>();
        Map<Path, DashboardProvidersFile> providers = new LinkedHashMap<>();
        Map<Path, AlertingFile> alerting = new LinkedHashMap<>();
        Map<Path, Dashboard> dashboards = new LinkedHashMap<>();
        Map<Path, DatasourcesFile> variants = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Path file : files(root)) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (relative.matches("provisioning/datasources/[^/]+\\.yaml")) {
                datasources.put(file, Yaml.read(file, DatasourcesFile.class));
            } else if (relative.matches("provisioning/dashboards/[^/]+\\.yaml")) {
                providers.put(file, Yaml.read(file, DashboardProvidersFile.class));
            } else if (relative.matches("provisioning/alerting/[^/]+\\.yaml")) {
                alerting.put(file, Yaml.read(file, AlertingFile.class));
            } else if (relative.matches("dashboards/[^/]+\\.json")) {
                dashboards.put(file, Yaml.readJson(file, Dashboard.class));
            } else if (relative.matches("variants/[^/]+/[^/]+\\.yaml")) {
                variants.put(file, Yaml.read(file, DatasourcesFile.class));
            } else if (relative.startsWith("provisioning/") || relative.startsWith("dashboards/")
                    || relative.startsWith("variants/")) {
                unknown.add(relative);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("files in grafana/ that no check covers (Grafana reads .yaml/.yml/.json"
                    + " there): " + unknown + "; give them a known place and extension");
        }
        return new GrafanaFiles(root, datasources, providers, alerting, dashboards, variants);
    }

    public List<Datasource> allDatasources() {
        return datasources.values().stream().flatMap(f -> f.datasources().stream()).toList();
    }

    public List<RuleGroup> ruleGroups() {
        return alerting.values().stream().flatMap(f -> f.groups().stream()).toList();
    }

    public List<AlertRule> rules() {
        return ruleGroups().stream().flatMap(g -> g.rules().stream()).toList();
    }

    public List<ContactPoint> contactPoints() {
        return alerting.values().stream().flatMap(f -> f.contactPoints().stream()).toList();
    }

    public List<NotificationPolicy> policies() {
        return alerting.values().stream().flatMap(f -> f.policies().stream()).toList();
    }

    public List<DashboardProvidersFile.DashboardProvider> dashboardProviders() {
        return providers.values().stream().flatMap(f -> f.providers().stream()).toList();
    }

    /** The datasource with {@code uid}, from the default provisioning (not the variants). */
    public Datasource datasource(String uid) {
        return allDatasources().stream().filter(d -> uid.equals(d.uid())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no provisioned datasource has uid " + uid));
    }

    /** The only dashboard with {@code uid}. */
    public Dashboard dashboard(String uid) {
        return dashboards.values().stream().filter(d -> uid.equals(d.uid())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dashboard has uid " + uid));
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).startsWith("target") && !root.relativize(p).startsWith("src"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
