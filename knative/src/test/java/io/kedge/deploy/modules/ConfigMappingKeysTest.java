package io.kedge.deploy.modules;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.deploy.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies that configuration keys are read from @ConfigMapping sources the way SmallRye names them. */
class ConfigMappingKeysTest {

    @TempDir
    Path sources;

    @Test
    void namesKeysAsSmallRyeDoes() throws IOException {
        Files.writeString(sources.resolve("DemoConfig.java"), """
                package demo;

                import io.smallrye.config.ConfigMapping;
                import io.smallrye.config.WithDefault;
                import io.smallrye.config.WithName;
                import io.smallrye.config.WithParentName;
                import java.time.Duration;
                import java.util.Map;
                import java.util.Optional;

                @ConfigMapping(prefix = "kedge.demo")
                public interface DemoConfig {
                    @WithDefault("5s")
                    Duration sinkTimeout();
                    Optional<Influx> influx();
                    @WithName("notify")
                    Notify notification();
                    @WithParentName
                    Common common();
                    Map<String, Rule> rules();
                    default Duration twice() {
                        return sinkTimeout().multipliedBy(2);
                    }
                    interface Influx {
                        String url();
                        Optional<String> password();
                    }
                    interface Notify {
                        Optional<String> url();
                    }
                    interface Common {
                        String site();
                    }
                    interface Rule {
                        double above();
                    }
                }
                """);
        Files.writeString(sources.resolve("Env.java"), """
                package demo;
                final class Env {
                    static final String PREFIX = "KEDGE_DEMO_RULE_";
                }
                """);

        ConfigMappingKeys keys = ConfigMappingKeys.parse(sources);

        assertThat(keys.keys()).containsExactlyInAnyOrder("kedge.demo.sink-timeout", "kedge.demo.influx.url",
                "kedge.demo.influx.password", "kedge.demo.notify.url", "kedge.demo.site", "kedge.demo.rules.*.above");
        assertThat(keys.environmentPrefixes()).containsExactly("KEDGE_DEMO_RULE_");
    }

    @Test
    void theAlertFunctionReadsItsSecretsAndRuleOverridesFromTheEnvironment() {
        AppModule alert = Repository.modules().byArtifactId("kedge-alert").orElseThrow();

        assertThat(alert.configKeys()).contains("kedge.alert.grafana.hmac.secret", "kedge.alert.notify.url",
                "kedge.alert.influx.password").doesNotContain("kedge.alert.grafana.severity");
        assertThat(alert.readsEnvironment("KEDGE_ALERT_GRAFANA_HMAC_SECRET")).isTrue();
        assertThat(alert.readsEnvironment("KEDGE_ALERT_RULE_DEVICE_SILENT_AFTER")).as("a rule override").isTrue();
        assertThat(alert.readsEnvironment("K_SINK")).as("${K_SINK:} in application.properties").isTrue();
        assertThat(alert.readsEnvironment("KEDGE_ALERT_GRAFANA_HMAC_SECRETS")).isFalse();
        assertThat(alert.funqyTriggers()).containsKeys("io.kedge.reading.validated.v1", "dev.knative.sources.ping");
    }
}
