package io.kedge.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A subscriber that does nothing but count: answers every event with 202 and no body (so the
 * broker sees a done delivery, no reply), and records per phase the latency from the event's
 * {@link BenchExtensions#SENT} time. It runs in the benchmark's JVM, so that nanoTime is comparable.
 */
public final class NoOpSubscriber implements AutoCloseable {

    private static final String SENT_HEADER = "ce-" + BenchExtensions.SENT;
    private static final String PHASE_HEADER = "ce-" + BenchExtensions.PHASE;
    private static final String SEQ_HEADER = "ce-" + BenchExtensions.SEQ;

    private final HttpServer server;
    private final Map<Integer, DeliveryStats> phases = new ConcurrentHashMap<>();
    private final LongAdder foreign = new LongAdder();

    private NoOpSubscriber(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free loopback port. */
    public static NoOpSubscriber start(Vertx vertx) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        NoOpSubscriber subscriber = new NoOpSubscriber(server);
        server.requestHandler(subscriber::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the no-op subscriber could not listen on 127.0.0.1: " + e.getMessage(), e);
        }
        return subscriber;
    }

    private void handle(HttpServerRequest request) {
        request.end().onComplete(read -> {
            long now = System.nanoTime();
            record(request, now);
            request.response().setStatusCode(202).end();
        });
    }

    private void record(HttpServerRequest request, long now) {
        String sent = request.getHeader(SENT_HEADER);
        String phase = request.getHeader(PHASE_HEADER);
        String seq = request.getHeader(SEQ_HEADER);
        if (sent == null || phase == null || seq == null) {
            foreign.increment();
            return;
        }
        try {
            phase(Integer.parseInt(phase)).record(Integer.parseInt(seq), now - Long.parseLong(sent), now);
        } catch (NumberFormatException e) {
            foreign.increment();
        }
    }

    /** The deliveries of {@code phase} so far (created empty on first use). */
    public DeliveryStats phase(int phase) {
        return phases.computeIfAbsent(phase, p -> new DeliveryStats());
    }

    /** Requests without the benchmark's extensions: not ours, or mangled on the way. */
    public long foreignCount() {
        return foreign.sum();
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
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
