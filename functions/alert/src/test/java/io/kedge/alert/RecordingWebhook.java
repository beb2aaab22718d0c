package io.kedge.alert;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for a notification webhook: records every request and answers
 * 204, or the status and body set with {@link #answer(int, String)}. As a test resource it starts
 * before the application and points {@code kedge.alert.notify.url} (with a token) at itself.
 */
public final class RecordingWebhook implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "test-notify-token";

    private static volatile RecordingWebhook current;

    /** One request as received. */
    public record Request(String method, String path, String contentType, String authorization, String body) {
    }

    private HttpServer server;
    private ExecutorService executor;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile String body = "";

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("content-type"),
                    exchange.getRequestHeaders().getFirst("authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.start();
        current = this;
        return Map.of(
                "kedge.alert.notify.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/kedge",
                "kedge.alert.notify.token", TOKEN);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
        current = null;
    }

    public static RecordingWebhook webhook() {
        if (current == null) {
            throw new IllegalStateException("annotate the test with @QuarkusTestResource(RecordingWebhook.class)");
        }
        return current;
    }

    public void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Back to answering 204, nothing recorded. */
    public void reset() {
        requests.clear();
        answer(204, "");
    }
}
