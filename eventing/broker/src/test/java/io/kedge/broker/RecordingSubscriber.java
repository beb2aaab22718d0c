package io.kedge.broker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP subscriber on a loopback port that records every request and answers by path:
 * <ul>
 *   <li>{@code /sink}, {@code /site}, {@code /audit}: 204, no reply;</li>
 *   <li>{@code /reply/{type}}: 200 with a binary-mode reply event of that type;</li>
 *   <li>{@code /echo}: 200 with a reply of the incoming type (a reply loop);</li>
 *   <li>{@code /fail-then-ok/{n}}: 503 for the first n requests of an event id, then 204;</li>
 *   <li>{@code /status/{code}}: always that status;</li>
 *   <li>{@code /garbage}: 200 with a body that is no CloudEvent;</li>
 *   <li>{@code /switch/{name}}: the status set with {@link #answer}, 503 until then;</li>
 *   <li>{@code /retry-after/{seconds}}: 429 with {@code Retry-After: seconds} for the first request of an event id, then 204;</li>
 *   <li>{@code /slow/{millis}}: 204 after that long;</li>
 *   <li>{@code /gate/{name}}: 204 once {@link #open} opened that gate (at most 30 s);</li>
 *   <li>anything else: 204.</li>
 * </ul>
 * Replies copy the {@code testrun} extension, so that a test can find everything its own event caused.
 */
public final class RecordingSubscriber implements AutoCloseable {

    public static final String TEST_RUN = "testrun";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final boolean keepBodies;
    private final Map<String, AtomicInteger> attemptsById = new ConcurrentHashMap<>();
    private final Map<String, Integer> switches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostRunning = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    /** One request as received; header names in lower case; {@code receivedNanos} from {@link System#nanoTime()}. */
    public record Request(String path, Map<String, String> headers, byte[] body, long receivedNanos) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    static {
        // The JDK server writes headers and body separately; with Nagle on, every reply waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private RecordingSubscriber(int port, boolean keepBodies) throws IOException {
        this.keepBodies = keepBodies;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static RecordingSubscriber start() throws IOException {
        return new RecordingSubscriber(0, true);
    }

    /** On a given port: for a subscriber that is "down" first and starts later at the URL the broker knows. */
    public static RecordingSubscriber start(int port) throws IOException {
        return new RecordingSubscriber(port, true);
    }

    /** Records headers only: for bursts whose bodies would only fill the test's heap. */
    public static RecordingSubscriber startWithoutBodies(int port) throws IOException {
        return new RecordingSubscriber(port, false);
    }

    /** From now on, {@code /switch/{name}} answers {@code status}. */
    public void answer(String name, int status) {
        switches.put(name, status);
    }

    /** Lets every request to {@code /gate/{name}}, waiting or to come, through. */
    public void open(String gate) {
        gates.computeIfAbsent(gate, name -> new CountDownLatch(1)).countDown();
    }

    /** Requests to {@code path} being answered now. */
    public int running(String path) {
        AtomicInteger now = running.get(path);
        return now == null ? 0 : now.get();
    }

    /** The most requests to {@code path} that were being answered at the same time. */
    public int maxConcurrent(String path) {
        AtomicInteger most = mostRunning.get(path);
        return most == null ? 0 : most.get();
    }

    /** Every request to {@code path}, whatever test run it belongs to. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests to {@code path} caused by the test run {@code run}, in arrival order. */
    public List<Request> requests(String path, String run) {
        return requests.stream().filter(r -> r.path().equals(path) && run.equals(r.header("ce-" + TEST_RUN))).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String path = exchange.getRequestURI().getPath();
        Request request = new Request(path, Map.copyOf(headers), keepBodies ? body : new byte[0], System.nanoTime());
        requests.add(request);
        AtomicInteger now = running.computeIfAbsent(path, p -> new AtomicInteger());
        mostRunning.computeIfAbsent(path, p -> new AtomicInteger()).accumulateAndGet(now.incrementAndGet(), Math::max);
        try {
            answer(exchange, request, path);
        } finally {
            now.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange, Request request, String path) throws IOException {

        if (path.startsWith("/reply/")) {
            reply(exchange, request, path.substring("/reply/".length()));
        } else if (path.equals("/echo")) {
            reply(exchange, request, request.header("ce-type"));
        } else if (path.startsWith("/fail-then-ok/")) {
            int failures = Integer.parseInt(path.substring("/fail-then-ok/".length()));
            int attempt = attemptsById.computeIfAbsent(request.header("ce-id"), id -> new AtomicInteger()).incrementAndGet();
            respond(exchange, attempt <= failures ? 503 : 204, Map.of(), new byte[0]);
        } else if (path.startsWith("/status/")) {
            respond(exchange, Integer.parseInt(path.substring("/status/".length())), Map.of("Content-Type", "text/plain"),
                    "as configured".getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/switch/")) {
            respond(exchange, switches.getOrDefault(path.substring("/switch/".length()), 503),
                    Map.of("Content-Type", "text/plain"), "switched".getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/retry-after/")) {
            String seconds = path.substring("/retry-after/".length());
            int attempt = attemptsById.computeIfAbsent(request.header("ce-id"), id -> new AtomicInteger()).incrementAndGet();
            respond(exchange, attempt == 1 ? 429 : 204, attempt == 1 ? Map.of("Retry-After", seconds) : Map.of(),
                    new byte[0]);
        } else if (path.startsWith("/gate/")) {
            try {
                gates.computeIfAbsent(path.substring("/gate/".length()), name -> new CountDownLatch(1))
                        .await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 204, Map.of(), new byte[0]);
        } else if (path.startsWith("/slow/")) {
            try {
                Thread.sleep(Long.parseLong(path.substring("/slow/".length())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 204, Map.of(), new byte[0]);
        } else if (path.equals("/garbage")) {
            respond(exchange, 200, Map.of("Content-Type", "text/plain"), "thanks!".getBytes(StandardCharsets.UTF_8));
        } else {
            respond(exchange, 204, Map.of(), new byte[0]);
        }
    }

    private static void reply(HttpExchange exchange, Request request, String type) throws IOException {
        Map<String, String> headers = new TreeMap<>(Map.of(
                "ce-specversion", "1.0",
                "ce-id", UUID.randomUUID().toString(),
                "ce-source", "/test/recording-subscriber",
                "ce-type", type,
                "Content-Type", "application/json"));
        if (request.header("ce-" + TEST_RUN) != null) {
            headers.put("ce-" + TEST_RUN, request.header("ce-" + TEST_RUN));
        }
        byte[] body = ("{\"replyTo\":\"" + request.header("ce-id") + "\"}").getBytes(StandardCharsets.UTF_8);
        respond(exchange, 200, headers, body);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
