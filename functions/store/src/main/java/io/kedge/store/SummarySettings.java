package io.kedge.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where summaries ({@code io.kedge.summary.v1}) are stored: a database of their own with a long
 * retention, apart from the readings' short-term one, so that the readings' retention can stay
 * short while a year of 1-minute summaries stays queryable. Server, API and credentials are the
 * readings' ({@link InfluxSettings}).
 *
 * @param database          v1 database; created with its retention policy when missing
 * @param measurement       measurement of every summary point, named after the window it holds
 * @param retentionPolicy   v1 retention policy, created as the database's DEFAULT and written to
 * @param retentionDuration its InfluxQL duration ({@code INF}, {@code 260w}, ...)
 * @param bucket            v2 bucket; defaults to {@code database}
 */
public record SummarySettings(String database, String measurement, String retentionPolicy, String retentionDuration,
                              Optional<String> bucket) {

    // the same InfluxQL duration literal InfluxSettings accepts; before DEFAULTS, which the constructor checks with it
    private static final Pattern DURATION = Pattern.compile("INF|inf|(\\d+(ns|u|µ|ms|s|m|h|d|w))+");

    /** Database {@code kedge_longterm}, measurement {@code rpi_dht11_1m}, policy {@code longterm} kept forever. */
    public static final SummarySettings DEFAULTS = new SummarySettings("kedge_longterm", "rpi_dht11_1m", "longterm",
            "INF", Optional.empty());

    public SummarySettings {
        List<String> problems = new ArrayList<>();
        if (database == null || database.isBlank()) {
            problems.add("summaries.database must not be blank");
        } else if (database.contains("/")) {
            problems.add("summaries.database must not contain '/', got \"" + database + "\"");
        }
        if (measurement == null || measurement.isBlank()) {
            problems.add("summaries.measurement must not be blank");
        }
        if (retentionPolicy == null || retentionPolicy.isBlank()) {
            problems.add("summaries.retention.name must not be blank");
        } else if (retentionPolicy.contains("/")) {
            problems.add("summaries.retention.name must not contain '/', got \"" + retentionPolicy + "\"");
        }
        if (retentionDuration == null || !DURATION.matcher(retentionDuration).matches()) {
            problems.add("summaries.retention.duration must be an InfluxQL duration such as INF, 260w or 365d, got "
                    + (retentionDuration == null ? "null" : "\"" + retentionDuration + "\""));
        }
        bucket = bucket == null ? Optional.empty() : bucket;
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid kedge.store settings: " + String.join("; ", problems));
        }
    }

    /** The readings' server, API and credentials, with this database, measurement, policy and bucket. */
    public InfluxSettings on(InfluxSettings readings) {
        return new InfluxSettings(readings.url(), readings.api(), database, measurement, retentionPolicy,
                retentionDuration, readings.username(), readings.password(), readings.token(), readings.org(),
                Optional.of(bucket.orElse(database)), readings.writeTimeout());
    }

    public SummarySettings withDatabase(String database) {
        return new SummarySettings(database, measurement, retentionPolicy, retentionDuration, bucket);
    }
}
