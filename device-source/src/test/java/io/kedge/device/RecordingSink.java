package io.kedge.device;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that plays the broker ingress: records every request and answers
 * 202, or the statuses queued with {@link #answerNext}. Requests are handled in parallel, as a
 * broker's are; {@link #hold()} keeps them waiting, so that a test sees how many a client has in
 * flight at once.
 */
public final class RecordingSink implements AutoCloseable {

    /** One request as it arrived, and what the sink answered. */
    public record Request(String method, String path, HttpMessage message, int status) {

        public CloudEvent event() {
            return CloudEventHttp.decode(message);
        }

        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    public static final String PATH = "/kedge/default";

    private final HttpServer server;
    private final ExecutorService handlers;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();
    // Guarded by this.
    private int inProgress;
    private int maxInProgress;
    private int waiting;
    private boolean holding;

    private RecordingSink(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /** Starts on a free port. */
    public static RecordingSink start() {
        return start(0);
    }

    /** Starts on {@code port}, e.g. one a sender has been failing to reach. */
    public static RecordingSink start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "recording-sink");
                thread.setDaemon(true);
                return thread;
            });
            RecordingSink sink = new RecordingSink(server, handlers);
            server.setExecutor(handlers);
            server.createContext("/", sink::handle);
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a recording sink on port " + port, e);
        }
    }

    /** The statuses of the next requests, in order; 202 after them. */
    public synchronized RecordingSink answerNext(Integer... statuses) {
        answers.addAll(List.of(statuses));
        return this;
    }

    /** Keeps every request waiting, unanswered, until {@link #release()}. */
    public synchronized RecordingSink hold() {
        holding = true;
        return this;
    }

    /** Answers the requests held, and every later one without waiting. */
    public synchronized void release() {
        holding = false;
        notifyAll();
    }

    /** Requests held by {@link #hold()} right now. */
    public synchronized int waiting() {
        return waiting;
    }

    /** The most requests that were being handled at once: no more than the client had in flight. */
    public synchronized int maxConcurrent() {
        return maxInProgress;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** {@code ce-id}s of the requests answered 2xx, in arrival order, without decoding the events (binary mode). */
    public synchronized List<String> acceptedIds() {
        return requests.stream().filter(Request::accepted).map(r -> r.message().header("ce-id")).toList();
    }

    /** Events of the requests answered 2xx, in arrival order. */
    public synchronized List<CloudEvent> acceptedEvents() {
        return requests.stream().filter(Request::accepted).map(Request::event).toList();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status;
        synchronized (this) {
            inProgress++;
            maxInProgress = Math.max(maxInProgress, inProgress);
        }
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            synchronized (this) {
                awaitRelease();
                Integer next = answers.poll();
                status = next == null ? 202 : next;
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        new HttpMessage(headers, body), status));
            }
        } finally {
            // Before the answer: once the client has it, it may send the next request.
            synchronized (this) {
                inProgress--;
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Guarded by this. */
    private void awaitRelease() throws IOException {
        waiting++;
        try {
            while (holding) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the sink is closing", e);
        } finally {
            waiting--;
        }
    }
}
