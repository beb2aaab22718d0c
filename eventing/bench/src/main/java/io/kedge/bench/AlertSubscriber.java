package io.kedge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kedge.bench.load.LatencyHistogram;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's subscriber, in this JVM so that its clock is the load generator's: the bench
 * Triggers deliver {@code io.kedge.alert.fired.v1} events to {@code /fired} and validated readings
 * to {@code /validated}. Each is answered 202 without a body and matched to the reading that caused
 * it ({@link SentReadings}): a fired alert by its device (the subject), a validated reading by its id
 * ({@code <reading id>/validated}).
 */
final class AlertSubscriber implements AutoCloseable {

    static final String FIRED_PATH = "/fired";
    static final String VALIDATED_PATH = "/validated";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final SentReadings load;
    private final String rule;
    private final Map<Integer, Phase> phases = new ConcurrentHashMap<>();
    private final LongAdder foreign = new LongAdder();

    /** What arrived for the readings of one phase. */
    static final class Phase {

        private final LatencyHistogram fired = new LatencyHistogram();
        private final LatencyHistogram validated = new LatencyHistogram();
        private final Set<String> firedIds = new HashSet<>();
        private long duplicates;
        private long otherAlerts;
        private long validatedCount;

        synchronized void fired(String id, long latencyNanos) {
            if (!firedIds.add(id)) {
                duplicates++; // at-least-once delivery: the same alert again is no new incident
                return;
            }
            fired.recordNanos(latencyNanos);
            notifyAll();
        }

        synchronized void otherAlert() {
            otherAlerts++;
        }

        synchronized void validated(long latencyNanos) {
            validatedCount++;
            validated.recordNanos(latencyNanos);
            notifyAll();
        }

        /** Distinct fired alerts of the expected rule for this phase's firing readings. */
        synchronized long firedCount() {
            return firedIds.size();
        }

        synchronized long duplicates() {
            return duplicates;
        }

        /** Fired alerts for this phase's devices of another rule than the one the load crosses. */
        synchronized long otherAlerts() {
            return otherAlerts;
        }

        synchronized long validatedCount() {
            return validatedCount;
        }

        /** Reading posted (due) → fired alert at this subscriber. */
        LatencyHistogram firedLatency() {
            return fired;
        }

        /** Reading posted (due) → validated reading at this subscriber. */
        LatencyHistogram validatedLatency() {
            return validated;
        }

        /**
         * Waits until {@code fired} distinct alerts and {@code validated} validated readings arrived;
         * false when {@code within} passed first. Both, because the two Triggers deliver independently:
         * the last alert may well come before the last validated reading.
         */
        synchronized boolean awaitArrivals(long fired, long validated, Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (firedIds.size() < fired || validatedCount < validated) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private AlertSubscriber(HttpServer server, SentReadings load, String rule) {
        this.server = server;
        this.load = load;
        this.rule = rule;
    }

    /**
     * Listens on a free loopback port.
     *
     * @param rule the rule the firing readings cross; fired alerts of other rules are counted apart
     */
    static AlertSubscriber start(Vertx vertx, SentReadings load, String rule) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        AlertSubscriber subscriber = new AlertSubscriber(server, load, rule);
        server.requestHandler(subscriber::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the alert subscriber could not listen on 127.0.0.1: " + e.getMessage(), e);
        }
        return subscriber;
    }

    private void handle(HttpServerRequest request) {
        request.body().onComplete(read -> {
            long now = System.nanoTime();
            if (read.succeeded()) {
                if (request.path().equals(FIRED_PATH)) {
                    fired(request, read.result(), now);
                } else if (request.path().equals(VALIDATED_PATH)) {
                    validated(request, now);
                } else {
                    foreign.increment();
                }
            }
            request.response().setStatusCode(202).end();
        });
    }

    private void fired(HttpServerRequest request, Buffer body, long now) {
        String device = request.getHeader("ce-subject");
        AlertLoad.Sent sent = device == null ? null : load.firingReading(device);
        if (sent == null) {
            foreign.increment(); // not caused by a firing reading of this run (e.g. a calm device)
            return;
        }
        Phase phase = phase(sent.phase());
        if (rule.equals(ruleOf(body))) {
            phase.fired(request.getHeader("ce-id"), now - sent.dueNanos());
        } else {
            phase.otherAlert();
        }
    }

    private void validated(HttpServerRequest request, long now) {
        String id = request.getHeader("ce-id");
        String suffix = "/validated";
        AlertLoad.Sent sent = id == null || !id.endsWith(suffix) ? null
                : load.reading(id.substring(0, id.length() - suffix.length()));
        if (sent == null) {
            foreign.increment();
            return;
        }
        phase(sent.phase()).validated(now - sent.dueNanos());
    }

    private static String ruleOf(Buffer body) {
        try {
            JsonNode rule = JSON.readTree(body.getBytes()).path("rule");
            return rule.isTextual() ? rule.textValue() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** What arrived for the readings of {@code phase} (created empty on first use). */
    Phase phase(int phase) {
        return phases.computeIfAbsent(phase, p -> new Phase());
    }

    /** Deliveries not caused by this run's readings: another device's alert, another path. */
    long foreignCount() {
        return foreign.sum();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing at the end of a run; the JVM exits next
        }
    }
}
