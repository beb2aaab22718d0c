package io.kedge.store;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.write.Point;
import com.influxdb.exceptions.InfluxException;
import io.kedge.contract.data.ValidatedReading;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.jboss.logging.Logger;

/**
 * Stores validated readings in InfluxDB, one synchronous write per reading: {@link #store} returns
 * only once InfluxDB has answered 204, and otherwise throws, so that nothing is acknowledged that
 * is not stored. (The client's batching {@code WriteApi} would accept the point at once and report
 * a failed write later, to a listener.)
 */
public final class ReadingStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReadingStore.class);
    private static final String V1_ORG = "-";

    private final InfluxSettings settings;
    private final ReadingPoints points;
    private final InfluxDBClient client;
    private final WriteApiBlocking writes;
    private final InfluxV1Schema schema;
    private volatile boolean schemaSettled;

    private ReadingStore(InfluxSettings settings, InfluxDBClient client, InfluxV1Schema schema) {
        this.settings = settings;
        this.points = new ReadingPoints(settings.measurement());
        this.client = client;
        this.writes = client.getWriteApiBlocking();
        this.schema = schema;
        this.schemaSettled = schema == null;
    }

    /** A store for {@code settings}; connects lazily, so it opens even when InfluxDB is down. */
    public static ReadingStore open(InfluxSettings settings) {
        OkHttpClient http = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectTimeout(settings.writeTimeout())
                .readTimeout(settings.writeTimeout())
                .writeTimeout(settings.writeTimeout())
                .callTimeout(settings.writeTimeout())
                .build();
        InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
                .url(settings.url())
                .bucket(settings.clientBucket())
                .precision(ReadingPoints.PRECISION);
        if (settings.api() == InfluxApi.V1) {
            OkHttpClient v1 = http.newBuilder()
                    .addNetworkInterceptor(new V1WriteInterceptor(settings.username(), settings.password()))
                    .build();
            options.org(V1_ORG).okHttpClient(v1.newBuilder());
            return new ReadingStore(settings, InfluxDBClientFactory.create(options.build()),
                    new InfluxV1Schema(v1, settings));
        }
        options.org(settings.org().orElseThrow())
                .okHttpClient(http.newBuilder())
                .authenticateToken(settings.token().orElseThrow().toCharArray());
        // v2 buckets carry their own retention, set by whoever creates them: nothing to prepare.
        return new ReadingStore(settings, InfluxDBClientFactory.create(options.build()), null);
    }

    /**
     * Creates the database and retention policy if InfluxDB is reachable now. If it is not, logs a
     * warning and leaves the work to the first write, so that the function starts regardless.
     */
    public void prepare() {
        try {
            settleSchema();
        } catch (StoreUnavailableException e) {
            LOG.warnf("InfluxDB not ready at start (%s); the database and retention policy will be created"
                    + " on the first write", e.getMessage());
        }
    }

    /**
     * Writes {@code reading} as one point and returns once InfluxDB has stored it.
     *
     * @throws InvalidReadingException    when the reading cannot become an exact point
     * @throws StoreUnavailableException  when InfluxDB cannot store it now; a retry may succeed
     * @throws StoreRejectedException     when InfluxDB refuses it for good
     */
    public void store(ValidatedReading reading) {
        Point point = points.toPoint(reading);
        settleSchema();
        try {
            write(point);
        } catch (InfluxException e) {
            if (!schemaMissing(e)) {
                throw writeFailure(e);
            }
            LOG.warnf("InfluxDB lost the database or retention policy (%s); creating them again", errorOf(e));
            schemaSettled = false;
            settleSchema();
            try {
                write(point);
            } catch (InfluxException again) {
                throw writeFailure(again);
            }
        }
    }

    private void write(Point point) {
        writes.writePoint(settings.clientBucket(), settings.api() == InfluxApi.V1 ? V1_ORG : settings.org().orElseThrow(),
                point);
    }

    private void settleSchema() {
        if (schemaSettled) {
            return;
        }
        synchronized (this) {
            if (schemaSettled) {
                return;
            }
            try {
                schema.ensure();
                LOG.infof("InfluxDB database \"%s\" ready, default retention policy \"%s\" keeps %s",
                        settings.database(), settings.retentionPolicy(), settings.retentionDuration());
            } catch (StoreRejectedException e) {
                // e.g. a user without admin rights on a database prepared by an operator: try writing anyway
                LOG.warnf("Could not prepare InfluxDB database \"%s\": %s", settings.database(), e.getMessage());
            }
            schemaSettled = true;
        }
    }

    private static boolean schemaMissing(InfluxException e) {
        String error = errorOf(e);
        return e.status() == 404 || (error != null && error.contains("retention policy not found"));
    }

    /** 5xx, timeouts, throttling, auth and a missing database may heal; anything else InfluxDB will refuse again. */
    private RuntimeException writeFailure(InfluxException e) {
        int status = e.status();
        String error = errorOf(e);
        if (status == 0 || status >= 500 || status == 401 || status == 403 || status == 404
                || status == 408 || status == 429) {
            String answer = status == 0 ? "unreachable" : "answered " + status;
            return new StoreUnavailableException("InfluxDB at " + settings.url() + " " + answer + ": " + error, e);
        }
        return new StoreRejectedException("InfluxDB refused the point (" + status + "): " + error, e);
    }

    /** InfluxDB's own words: 1.x puts them in "error", 2.x in "message"; a transport failure has only its cause. */
    private static String errorOf(InfluxException e) {
        Object error = e.errorBody().get("error");
        if (error == null) {
            error = e.errorBody().get("message");
        }
        if (error != null) {
            return error.toString().strip();
        }
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().toString();
    }

    public InfluxSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        client.close();
    }
}
