package io.kedge.testkit;

import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for the broker's ingress: records every request and answers
 * 202 (or the status set with {@link #answer(int)}). Events are decoded with the contract's strict
 * codec, so whatever reaches it is checked to be a valid CloudEvent.
 */
public class RecordingBroker implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<HttpMessage> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 202;

    /** Starts it on a free loopback port; {@link #start()} says the same. */
    protected RecordingBroker() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            requests.add(new HttpMessage(headers, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    public static RecordingBroker start() {
        return new RecordingBroker();
    }

    /** The ingress URL, as K_SINK names it. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/kedge/default";
    }

    public void answer(int status) {
        this.status = status;
    }

    public List<HttpMessage> requests() {
        return List.copyOf(requests);
    }

    /** Every request as a CloudEvent; fails when one is not a valid event. */
    public List<CloudEvent> events() {
        return requests.stream().map(CloudEventHttp::decode).toList();
    }

    /** Events about {@code deviceId} (their subject). */
    public List<CloudEvent> eventsAbout(String deviceId) {
        return events().stream().filter(e -> deviceId.equals(e.getSubject())).toList();
    }

    public void clear() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
