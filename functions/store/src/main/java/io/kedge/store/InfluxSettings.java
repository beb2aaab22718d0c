package io.kedge.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Where and how readings are stored, checked once so that a wrong setting stops the start with
 * every problem named, instead of failing each write.
 *
 * @param url                 base URL of InfluxDB, e.g. {@code http://127.0.0.1:8086}
 * @param api                 API generation to write through
 * @param database            v1 database; in v2 the default bucket name
 * @param measurement         measurement of every point
 * @param retentionPolicy     v1 retention policy created as the database's DEFAULT and written to
 * @param retentionDuration   its InfluxQL duration, e.g. {@code 30d}, {@code 4w}, {@code INF}
 * @param username            v1 user (Basic auth); none means no authentication
 * @param password            v1 password
 * @param token               v2 API token
 * @param org                 v2 organisation
 * @param bucket              v2 bucket; defaults to {@code database}
 * @param writeTimeout        upper bound for one write (connect, send, answer)
 */
public record InfluxSettings(
        String url,
        InfluxApi api,
        String database,
        String measurement,
        String retentionPolicy,
        String retentionDuration,
        Optional<String> username,
        Optional<String> password,
        Optional<String> token,
        Optional<String> org,
        Optional<String> bucket,
        Duration writeTimeout) {

    // InfluxQL duration literal: one or more <integer><unit>, or INF.
    private static final Pattern DURATION = Pattern.compile("INF|inf|(\\d+(ns|u|µ|ms|s|m|h|d|w))+");

    public InfluxSettings {
        List<String> problems = new ArrayList<>();
        if (url == null || HttpUrl.parse(url) == null) {
            problems.add("influx.url must be an http(s) URL, got " + quote(url));
        }
        if (api == null) {
            problems.add("influx.api must be v1 or v2");
        }
        if (isBlank(database)) {
            problems.add("influx.database must not be blank");
        } else if (api == InfluxApi.V1 && database.contains("/")) {
            // the client addresses v1 as bucket "db/rp"; a slash in the name would split it wrongly
            problems.add("influx.database must not contain '/', got " + quote(database));
        }
        if (isBlank(measurement)) {
            problems.add("influx.measurement must not be blank");
        }
        if (isBlank(retentionPolicy)) {
            problems.add("influx.retention.name must not be blank");
        } else if (retentionPolicy.contains("/")) {
            problems.add("influx.retention.name must not contain '/', got " + quote(retentionPolicy));
        }
        if (retentionDuration == null || !DURATION.matcher(retentionDuration).matches()) {
            problems.add("influx.retention.duration must be an InfluxQL duration such as 30d, 4w or INF, got "
                    + quote(retentionDuration));
        }
        username = username == null ? Optional.empty() : username;
        password = password == null ? Optional.empty() : password;
        token = token == null ? Optional.empty() : token;
        org = org == null ? Optional.empty() : org;
        bucket = bucket == null ? Optional.empty() : bucket;
        if (api == InfluxApi.V2 && token.isEmpty()) {
            problems.add("influx.token is required with influx.api=v2");
        }
        if (api == InfluxApi.V2 && org.isEmpty()) {
            problems.add("influx.org is required with influx.api=v2");
        }
        if (writeTimeout == null || writeTimeout.isNegative() || writeTimeout.isZero()) {
            problems.add("influx.write-timeout must be positive, got " + writeTimeout);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid kedge.store settings: " + String.join("; ", problems));
        }
    }

    /** The defaults of the reference deployment against {@code url}: v1, no auth, 30-day store. */
    public static InfluxSettings v1(String url, String database) {
        return new InfluxSettings(url, InfluxApi.V1, database, "rpi_dht11", "edge", "30d",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10));
    }

    /** The 2.x write API at {@code url}: token auth, measurement {@code rpi_dht11}. */
    public static InfluxSettings v2(String url, String org, String bucket, String token) {
        return new InfluxSettings(url, InfluxApi.V2, bucket, "rpi_dht11", "edge", "30d",
                Optional.empty(), Optional.empty(), Optional.of(token), Optional.of(org), Optional.of(bucket),
                Duration.ofSeconds(10));
    }

    public InfluxSettings withMeasurement(String measurement) {
        return new InfluxSettings(url, api, database, measurement, retentionPolicy, retentionDuration,
                username, password, token, org, bucket, writeTimeout);
    }

    public InfluxSettings withRetention(String policy, String duration) {
        return new InfluxSettings(url, api, database, measurement, policy, duration,
                username, password, token, org, bucket, writeTimeout);
    }

    /** What the client calls the bucket: {@code db/rp} in v1, the bucket (or database) in v2. */
    public String clientBucket() {
        return api == InfluxApi.V1 ? database + "/" + retentionPolicy : bucket.orElse(database);
    }

    @Override
    public String toString() {
        // never print secrets
        return "InfluxSettings[url=" + url + ", api=" + api + ", database=" + database + ", measurement="
                + measurement + ", retention=" + retentionPolicy + " " + retentionDuration + ", user="
                + username.orElse("(none)") + ", token=" + (token.isPresent() ? "(set)" : "(none)") + "]";
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String quote(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
