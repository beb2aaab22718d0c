package io.kedge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker's own histograms from its {@code /q/metrics} (Prometheus text): delivery latency per
 * Trigger and the duration of each group commit. Two scrapes, before and after a measured run, give
 * the run's share ({@link #since}): how many, the mean, and the bucket bound under which 99 % fell.
 */
final class BrokerMeters {

    /** Per Trigger, arrival at the broker → the subscriber's 2xx (a reply stored first, if any). */
    static final String DELIVERY = "kedge_broker_delivery_latency_seconds";
    /** One commit of the broker's store, fsync included. */
    static final String COMMIT = "kedge_broker_store_commit_seconds";
    /** Changes (events, completions, dead letters) per commit. */
    static final String COMMIT_CHANGES = "kedge_broker_store_commit_changes";
    /** Per Trigger, events it has not finished: a gauge. */
    static final String BACKLOG = "kedge_broker_backlog";

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * One histogram series: count, sum (seconds) and cumulative bucket counts by upper bound.
     *
     * @param buckets upper bound in seconds → observations at or below it
     */
    record Histogram(double count, double sum, TreeMap<Double, Double> buckets) {

        static final Histogram EMPTY = new Histogram(0, 0, new TreeMap<>());

        Histogram minus(Histogram before) {
            TreeMap<Double, Double> diff = new TreeMap<>();
            buckets.forEach((le, n) -> diff.put(le, n - before.buckets.getOrDefault(le, 0.0)));
            return new Histogram(count - before.count, sum - before.sum, diff);
        }

        double meanMillis() {
            return count == 0 ? 0 : sum / count * 1_000;
        }

        /** The smallest bucket bound (ms) at or below which {@code percentile} % fell; infinite when beyond the last. */
        double percentileBoundMillis(double percentile) {
            double wanted = count * percentile / 100;
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                if (bucket.getValue() >= wanted) {
                    return bucket.getKey() * 1_000;
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    private final Map<String, Histogram> series;
    private final double backlog;

    private BrokerMeters(Map<String, Histogram> series, double backlog) {
        this.series = series;
        this.backlog = backlog;
    }

    /**
     * Scrapes until no Trigger has a backlog left, or {@code within} has passed (the last scrape then).
     * A subscriber counts an event when it gets it; the broker counts the delivery when the answer is
     * back and before the event leaves the backlog, so only an empty backlog means every delivery that
     * a subscriber saw is in the histograms.
     */
    static BrokerMeters scrapeWhenIdle(String brokerUrl, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        BrokerMeters meters = scrape(brokerUrl);
        while (meters.backlog > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker's backlog to drain", e);
            }
            meters = scrape(brokerUrl);
        }
        return meters;
    }

    /** Scrapes {@code <brokerUrl>/q/metrics}. */
    static BrokerMeters scrape(String brokerUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(brokerUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the broker's /q/metrics answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the broker's /q/metrics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the broker's /q/metrics", e);
        }
    }

    /** Reads the histograms of Prometheus text; other lines are skipped. */
    static BrokerMeters parse(String text) {
        Map<String, double[]> totals = new HashMap<>();
        Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();
        double backlog = 0;
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            String name = m.group(1);
            Map<String, String> labels = labels(m.group(3));
            double value = Double.parseDouble(m.group(4));
            if (name.endsWith("_bucket")) {
                String le = labels.remove("le");
                if (le != null && !le.equals("+Inf")) {
                    buckets.computeIfAbsent(key(name.substring(0, name.length() - 7), labels), k -> new TreeMap<>())
                            .put(Double.parseDouble(le), value);
                }
            } else if (name.endsWith("_count")) {
                totals.computeIfAbsent(key(name.substring(0, name.length() - 6), labels), k -> new double[2])[0] = value;
            } else if (name.endsWith("_sum")) {
                totals.computeIfAbsent(key(name.substring(0, name.length() - 4), labels), k -> new double[2])[1] = value;
            } else if (name.equals(BACKLOG)) {
                backlog += value;
            }
        }
        Map<String, Histogram> series = new HashMap<>();
        totals.forEach((key, t) -> series.put(key, new Histogram(t[0], t[1], buckets.getOrDefault(key, new TreeMap<>()))));
        return new BrokerMeters(series, backlog);
    }

    /** Events that some Trigger has not finished, summed over the Triggers. */
    double backlog() {
        return backlog;
    }

    /** The series of {@code metric} with {@code trigger} (namespace/name) as its Trigger, or without labels when null. */
    Histogram get(String metric, String trigger) {
        return series.getOrDefault(key(metric, trigger == null ? Map.of() : Map.of("trigger", trigger)), Histogram.EMPTY);
    }

    /** What was observed since {@code before}. */
    BrokerMeters since(BrokerMeters before) {
        Map<String, Histogram> diff = new HashMap<>();
        series.forEach((key, now) -> diff.put(key, now.minus(before.series.getOrDefault(key, Histogram.EMPTY))));
        return new BrokerMeters(diff, backlog);
    }

    private static String key(String metric, Map<String, String> labels) {
        String trigger = labels.get("trigger");
        return trigger == null ? metric : metric + "|" + trigger;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher m = LABEL.matcher(text);
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
        }
        return labels;
    }
}
