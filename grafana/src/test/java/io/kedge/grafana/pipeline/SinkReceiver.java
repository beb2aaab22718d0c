package io.kedge.grafana.pipeline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.codec.InvalidEventException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the broker's ingress for the alert function's {@code K_SINK}: takes CloudEvents (binary or
 * structured mode, checked with the contract's strict codec), keeps them, answers 202 as the
 * broker does; anything else gets 400.
 */
public final class SinkReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<CloudEvent> events = new CopyOnWriteArrayList<>();

    private SinkReceiver(HttpServer server) {
        this.server = server;
    }

    public static SinkReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SinkReceiver receiver = new SinkReceiver(server);
            server.createContext("/", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sink receiver", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            try {
                events.add(CloudEventHttp.decode(new HttpMessage(headers, body)));
                status = 202;
            } catch (InvalidEventException e) {
                status = 400;
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/kedge/default";
    }

    public List<CloudEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
