package io.kedge.aggregate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the aggregate function, keys {@code kedge.aggregate.*}; every key can be set through
 * the environment ({@code kedge.aggregate.window} as {@code KEDGE_AGGREGATE_WINDOW}). Durations take
 * ISO-8601 ({@code PT1M}) or Quarkus' short form ({@code 1m}, {@code 10s}).
 */
@ConfigMapping(prefix = "kedge.aggregate")
public interface AggregateConfig {

    /**
     * Length of a window, aligned to the clock (UTC multiples since the epoch). At least one second
     * and a divisor of one day. Default {@code PT1M}.
     */
    @WithDefault("PT1M")
    Duration window();

    /**
     * How long after a window's end a late reading still counts; the window closes (and its summary
     * goes out) once a tick or a reading of the device reaches its end plus this. Later readings
     * are dropped and counted ({@code kedge_aggregate_readings_late_total}). Default {@code PT10S}.
     */
    @WithDefault("PT10S")
    Duration grace();

    /**
     * Where summaries go besides the reply, the broker's ingress. Default {@code K_SINK}, as a
     * Knative SinkBinding sets it; unset, an event that closes more than one window fails (503).
     */
    Optional<URI> sink();

    /** Bound of one POST to the sink, connect to answer. Default {@code 5s}. */
    @WithDefault("5s")
    Duration sinkTimeout();

    Influx influx();

    /** Where the windows live: InfluxDB 1.x. */
    interface Influx {

        /** Base URL. Default {@code http://127.0.0.1:8086}. */
        @WithDefault("http://127.0.0.1:8086")
        URI url();

        /** Database of the windows; created when missing. Default {@code kedge_aggregate}. */
        @WithDefault("kedge_aggregate")
        String database();

        /** Retention policy of the windows, created (as the database's default) when missing. Default {@code aggregate}. */
        @WithDefault("aggregate")
        String retentionPolicy();

        /**
         * How long InfluxDB keeps samples, summaries and ticks, whole seconds; at least the window
         * plus grace plus one hour (the redelivery horizon). Default {@code 24h}.
         */
        @WithDefault("24h")
        Duration retention();

        /** User for Basic auth. Default none: no authentication. */
        Optional<String> username();

        /** Password. Default none. Supply it from a Secret, never from a committed file. */
        Optional<String> password();

        /** Bound of one request to InfluxDB. Default {@code 5s}. */
        @WithDefault("5s")
        Duration timeout();
    }
}
