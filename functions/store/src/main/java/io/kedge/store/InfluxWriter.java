package io.kedge.store;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.exceptions.InfluxException;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.jboss.logging.Logger;

/**
 * One synchronous write of line-protocol records to InfluxDB, through either API generation:
 * {@link #write} returns only once InfluxDB has answered 204, and otherwise throws a
 * {@link StoreUnavailableException} (retry) or a {@link StoreRejectedException} (final). It uses
 * {@code WriteApiBlocking}, never the client's batching {@code WriteApi}, which accepts points at
 * once and reports failed writes later, to a listener.
 *
 * <p>For InfluxDB 1.x it also creates the database and retention policy, at start or on the first
 * write, and again when they vanish.
 */
final class InfluxWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InfluxWriter.class);
    private static final String V1_ORG = "-";

    private final InfluxSettings settings;
    private final InfluxDBClient client;
    private final WriteApiBlocking writes;
    private final String org;
    private final InfluxV1Schema schema;
    private volatile boolean schemaSettled;

    private InfluxWriter(InfluxSettings settings, InfluxDBClient client, String org, InfluxV1Schema schema) {
        this.settings = settings;
        this.client = client;
        this.writes = client.getWriteApiBlocking();
        this.org = org;
        this.schema = schema;
        this.schemaSettled = schema == null;
    }

    /** A writer for {@code settings}; connects lazily, so it opens even when InfluxDB is down. */
    static InfluxWriter open(InfluxSettings settings) {
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
            return new InfluxWriter(settings, InfluxDBClientFactory.create(options.build()), V1_ORG,
                    new InfluxV1Schema(v1, settings));
        }
        String org = settings.org().orElseThrow();
        options.org(org)
                .okHttpClient(http.newBuilder())
                .authenticateToken(settings.token().orElseThrow().toCharArray());
        // A v2 bucket carries its own retention and is created by whoever owns the server: nothing to prepare.
        return new InfluxWriter(settings, InfluxDBClientFactory.create(options.build()), org, null);
    }

    /**
     * Creates the database and retention policy if InfluxDB is reachable now. If it is not, logs a
     * warning and leaves the work to the first write, so that the function starts regardless.
     */
    void prepare() {
        try {
            settleSchema();
        } catch (StoreUnavailableException e) {
            LOG.warnf("InfluxDB not ready at start (%s); the database and retention policy will be created"
                    + " on the first write", e.getMessage());
        }
    }

    /**
     * Writes {@code records} (precision ms) in one request and returns once InfluxDB stored them.
     *
     * @throws StoreUnavailableException when InfluxDB cannot store them now; a retry may succeed
     * @throws StoreRejectedException    when InfluxDB refuses them for good
     */
    void write(List<String> records) {
        settleSchema();
        try {
            writes.writeRecords(settings.clientBucket(), org, ReadingPoints.PRECISION, records);
        } catch (InfluxException e) {
            if (!schemaMissing(e)) {
                throw failure(e);
            }
            LOG.warnf("InfluxDB lost the database or retention policy (%s); creating them again", errorOf(e));
            schemaSettled = false;
            settleSchema();
            try {
                writes.writeRecords(settings.clientBucket(), org, ReadingPoints.PRECISION, records);
            } catch (InfluxException again) {
                throw failure(again);
            }
        }
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

    /** Only InfluxDB 1.x databases are created here; a missing v2 bucket is the operator's to create. */
    private boolean schemaMissing(InfluxException e) {
        String error = errorOf(e);
        return schema != null && (e.status() == 404 || (error != null && error.contains("retention policy not found")));
    }

    /** 5xx, timeouts, throttling, auth and a missing database may heal; anything else InfluxDB will refuse again. */
    private RuntimeException failure(InfluxException e) {
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

    @Override
    public void close() {
        client.close();
    }
}
