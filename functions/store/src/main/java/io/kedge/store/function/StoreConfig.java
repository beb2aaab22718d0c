package io.kedge.store.function;

import io.kedge.store.BatchSettings;
import io.kedge.store.InfluxApi;
import io.kedge.store.SummarySettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the store function, keys {@code kedge.store.*}; every key can be set through the
 * environment ({@code kedge.store.influx.url} as {@code KEDGE_STORE_INFLUX_URL}).
 */
@ConfigMapping(prefix = "kedge.store")
public interface StoreConfig {

    Influx influx();

    Batch batch();

    Summaries summaries();

    interface Influx {

        /** Base URL of InfluxDB. Default {@code http://127.0.0.1:8086}; also read from {@code INFLUX_URL}. */
        @WithDefault("http://127.0.0.1:8086")
        String url();

        /**
         * API generation: {@code v1} (InfluxDB 1.x {@code /write}, Basic auth) or {@code v2}
         * ({@code /api/v2/write}, token). Default {@code v1}.
         */
        @WithDefault("v1")
        InfluxApi api();

        /** Database (v1) that holds the readings; in v2 the default bucket. Default {@code sensor_data}. */
        @WithDefault("sensor_data")
        String database();

        /** Measurement of every point. Default {@code rpi_dht11}, the reference deployment's name. */
        @WithDefault("rpi_dht11")
        String measurement();

        /** v1 user for Basic auth. Default none: no authentication. */
        Optional<String> username();

        /** v1 password. Default none (empty). Supply it from a Secret, never from a committed file. */
        Optional<String> password();

        /** v2 API token; required with {@code api=v2}. Supply it from a Secret. */
        Optional<String> token();

        /** v2 organisation; required with {@code api=v2}. */
        Optional<String> org();

        /** v2 bucket. Default: the database name. */
        Optional<String> bucket();

        /** Upper bound for one write: connect, send and answer. Default {@code 10s}. */
        @WithDefault("10s")
        Duration writeTimeout();

        Retention retention();
    }

    /** Group commit: how concurrent requests share writes (see {@code GroupCommit}). */
    interface Batch {

        /** Most points in one write. Default {@code 1000}. */
        @WithDefault("1000")
        int maxSize();

        /**
         * How long a writer waits at most for more points once it has one. Default {@code 0ms}: it
         * writes at once, and batches form from the points that arrive while the previous write is
         * in flight. Every InfluxDB write costs about half a millisecond of InfluxDB's CPU and a
         * WAL fsync whatever its size, so where CPU rather than latency is short a few
         * milliseconds buy larger batches; with 64 requests in flight on two cores the wait cost
         * more throughput than the larger batches saved.
         */
        @WithDefault("0ms")
        Duration linger();

        /**
         * A lingering writer writes as soon as no new point came for this long, so that a lone
         * point waits only this gap, not the whole linger. Default {@code PT0.0002S} (200 µs;
         * below a millisecond only ISO-8601 works). Only matters with a linger.
         */
        @WithDefault("PT0.0002S")
        Duration lingerGap();

        /** Points waiting for a writer at most; a request beyond that is answered 503 at once. Default {@code 10000}. */
        @WithDefault("10000")
        int maxPending();

        /**
         * Writes in flight at most, one thread each. Default {@code 1}: InfluxDB 1.x fsyncs its
         * WAL once per write, one write after the other, so a second writer mostly halves the
         * batches. Two let a second write start while one is slow.
         */
        @WithDefault("1")
        int writers();

        default BatchSettings settings() {
            return new BatchSettings(maxSize(), linger(), lingerGap(), maxPending(), writers());
        }
    }

    /**
     * Where {@code io.kedge.summary.v1} events are stored: a database of their own with a long
     * retention, on the server of {@link Influx} (same URL, API and credentials).
     */
    interface Summaries {

        /** v1 database of the summaries, created with its retention policy when missing. Default {@code kedge_longterm}. */
        @WithDefault("kedge_longterm")
        String database();

        /**
         * Measurement of every summary point, one per device and window. Default {@code rpi_dht11_1m},
         * for the aggregate function's default 1-minute window; name another window's measurement
         * after it ({@code rpi_dht11_5m}).
         */
        @WithDefault("rpi_dht11_1m")
        String measurement();

        /** v2 bucket of the summaries (created by the server's owner, with its retention). Default: the database name. */
        Optional<String> bucket();

        SummaryRetention retention();

        default SummarySettings settings() {
            return new SummarySettings(database(), measurement(), retention().name(), retention().duration(), bucket());
        }
    }

    /** The v1 retention policy of the summaries' database, created on start and made its DEFAULT. */
    interface SummaryRetention {

        /** Policy name. Default {@code longterm}. */
        @WithDefault("longterm")
        String name();

        /**
         * How long summaries are kept, as an InfluxQL duration. Default {@code INF}: kept until an
         * operator bounds it ({@code 260w}); 1-minute summaries of a few devices take a few MB a year,
         * and a summary that arrives late from an edge that was cut off for weeks is never refused
         * as older than the policy.
         */
        @WithDefault("INF")
        String duration();
    }

    /** The v1 retention policy created on start and made the database's DEFAULT. */
    interface Retention {

        /** Policy name. Default {@code edge}. */
        @WithDefault("edge")
        String name();

        /**
         * How long points are kept, as an InfluxQL duration ({@code 30d}, {@code 4w}, {@code INF}).
         * Default {@code 30d}: a short-term edge store; points older than this are refused (422).
         */
        @WithDefault("30d")
        String duration();
    }
}
