package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Verifies that a wrong setting stops the start with every problem named, and secrets stay out of logs. */
class InfluxSettingsTest {

    @Test
    void v1AddressesDatabaseAndPolicyAsTheClientsBucket() {
        assertThat(InfluxSettings.v1("http://127.0.0.1:8086", "sensor_data").clientBucket()).isEqualTo("sensor_data/edge");
    }

    @Test
    void reportsEveryWrongSettingAtOnce() {
        assertThatThrownBy(() -> new InfluxSettings("influx:8086", InfluxApi.V2, "a/b", " ", "edge", "30 days",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("influx.url must be an http(s) URL, got \"influx:8086\"")
                .hasMessageContaining("influx.measurement must not be blank")
                .hasMessageContaining("influx.retention.duration must be an InfluxQL duration such as 30d, 4w or INF, got \"30 days\"")
                .hasMessageContaining("influx.token is required with influx.api=v2")
                .hasMessageContaining("influx.org is required with influx.api=v2")
                .hasMessageContaining("influx.write-timeout must be positive");
    }

    @Test
    void v1DatabaseMustNotContainASlash() {
        assertThatThrownBy(() -> InfluxSettings.v1("http://127.0.0.1:8086", "sensor/data"))
                .hasMessageContaining("influx.database must not contain '/', got \"sensor/data\"");
    }

    @Test
    void acceptsInfluxQlDurations() {
        InfluxSettings base = InfluxSettings.v1("http://127.0.0.1:8086", "sensor_data");

        assertThat(base.withRetention("edge", "INF").retentionDuration()).isEqualTo("INF");
        assertThat(base.withRetention("edge", "1w2d").retentionDuration()).isEqualTo("1w2d");
    }

    @Test
    void neverPrintsPasswordOrToken() {
        InfluxSettings settings = new InfluxSettings("http://127.0.0.1:8086", InfluxApi.V2, "sensor_data", "rpi_dht11",
                "edge", "30d", Optional.of("kedge"), Optional.of("s3cret-pw"), Optional.of("s3cret-token"),
                Optional.of("home"), Optional.empty(), Duration.ofSeconds(10));

        assertThat(settings.toString()).doesNotContain("s3cret").contains("token=(set)");
    }
}
