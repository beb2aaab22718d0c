package io.kedge.store;

import io.kedge.contract.data.Summary;
import java.time.Instant;

/** Summaries as the aggregate function publishes them, for recent minutes (a long retention keeps any, though). */
public final class TestSummaries {

    /** The temperature of {@code device} in the minute from {@code start}: 3 readings, 21.0 to 22.0 °C. */
    public static Summary temperature(String device, String location, Instant start) {
        return new Summary(device, location, "temperature", "PT1M", start.toString(), start.plusSeconds(60).toString(),
                3, 21.0, 22.0, 21.5, 21.5, start.plusSeconds(50).toString());
    }

    /** The same minute's humidity: 40 to 44 %RH. */
    public static Summary humidity(String device, String location, Instant start) {
        return new Summary(device, location, "humidity", "PT1M", start.toString(), start.plusSeconds(60).toString(),
                3, 40.0, 44.0, 42.0, 42.0, start.plusSeconds(50).toString());
    }

    public static Summary withMetric(Summary summary, String metric) {
        return new Summary(summary.deviceId(), summary.location(), metric, summary.window(), summary.windowStart(),
                summary.windowEnd(), summary.count(), summary.min(), summary.max(), summary.mean(), summary.last(),
                summary.lastTime());
    }

    public static Summary withCount(Summary summary, int count) {
        return new Summary(summary.deviceId(), summary.location(), summary.metric(), summary.window(), summary.windowStart(),
                summary.windowEnd(), count, summary.min(), summary.max(), summary.mean(), summary.last(), summary.lastTime());
    }

    public static Summary withMean(Summary summary, double mean) {
        return new Summary(summary.deviceId(), summary.location(), summary.metric(), summary.window(), summary.windowStart(),
                summary.windowEnd(), summary.count(), summary.min(), summary.max(), mean, summary.last(), summary.lastTime());
    }

    private TestSummaries() {
    }
}
