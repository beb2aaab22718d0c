package io.kedge.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kedge.functions.support.InfluxHttp;
import java.io.IOException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Creates the v1 database and makes the configured retention policy its DEFAULT, through
 * {@code POST /query}. Idempotent: run it as often as needed; a changed duration is applied to the
 * existing policy.
 */
final class InfluxV1Schema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final InfluxSettings settings;
    private final HttpUrl queryUrl;

    /** {@code http} must authenticate on its own, e.g. through {@link V1WriteInterceptor}. */
    InfluxV1Schema(OkHttpClient http, InfluxSettings settings) {
        this.http = http;
        this.settings = settings;
        this.queryUrl = HttpUrl.get(settings.url()).newBuilder().addPathSegment("query").build();
    }

    /**
     * @throws StoreUnavailableException when InfluxDB cannot be reached or answers 5xx
     * @throws StoreRejectedException    when it refuses a statement (e.g. the user is no admin)
     */
    void ensure() {
        String database = identifier(settings.database());
        String policy = identifier(settings.retentionPolicy());
        String duration = settings.retentionDuration();
        execute("CREATE DATABASE " + database);
        try {
            execute("CREATE RETENTION POLICY " + policy + " ON " + database
                    + " DURATION " + duration + " REPLICATION 1 DEFAULT");
        } catch (StoreRejectedException e) {
            if (!e.getMessage().contains("conflicts with an existing policy") && !e.getMessage().contains("already exists")) {
                throw e;
            }
            // Same name, other settings: the configuration wins.
            execute("ALTER RETENTION POLICY " + policy + " ON " + database + " DURATION " + duration + " DEFAULT");
        }
    }

    private void execute(String statement) {
        Request.Builder request = new Request.Builder()
                .url(queryUrl)
                .post(new FormBody.Builder().add("q", statement).build());
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            String error = errorOf(text);
            int status = response.code();
            if (status >= 500 || status == 408 || status == 429) {
                throw new StoreUnavailableException("InfluxDB at " + settings.url() + " answered " + status
                        + " to " + statement + ": " + (error == null ? text : error), null);
            }
            if (status / 100 != 2 || error != null) {
                throw new StoreRejectedException("InfluxDB refused " + statement + " (" + status + "): "
                        + (error == null ? text : error), null);
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("InfluxDB at " + settings.url() + " unreachable: " + e.getMessage(), e);
        }
    }

    /** The first error of a /query answer ({@link InfluxHttp#error}); the body itself when it is not JSON. */
    private static String errorOf(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return InfluxHttp.error(JSON.readTree(body));
        } catch (IOException e) {
            return "unreadable answer: " + body;
        }
    }

    /** A double-quoted InfluxQL identifier, so that any database or policy name is taken literally. */
    static String identifier(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
