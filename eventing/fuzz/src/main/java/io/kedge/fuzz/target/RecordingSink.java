package io.kedge.fuzz.target;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.fuzz.http.Printable;
import io.kedge.testkit.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscriber that takes everything (202, no reply) and keeps what it was sent: each request
 * read with the contract's strict codec, so that an invalid event passed on by the broker or a
 * function is caught where it arrives.
 */
public final class RecordingSink implements AutoCloseable {

    /**
     * What arrived: the event's identity, a digest of its data (compared with what was accepted),
     * and the data itself when small (alerts), for the oracles.
     */
    public record Received(String source, String id, String type, String dataDigest, byte[] data) {
    }

    /** A short digest of event data; "-" for none. */
    public static String digest(byte[] data) {
        if (data == null || data.length == 0) {
            return "-";
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private static final int KEEP_DATA_UP_TO = 4096;
    private static final int KEEP_INVALID = 50;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "fuzz-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> invalid = new ConcurrentLinkedQueue<>();
    private final AtomicLong invalidCount = new AtomicLong();
    private final ConcurrentLinkedQueue<Received> invalidArrivals = new ConcurrentLinkedQueue<>();

    private RecordingSink(HttpServer server) {
        this.server = server;
    }

    public static RecordingSink start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.next()), 64);
            RecordingSink sink = new RecordingSink(server);
            server.createContext("/", sink::handle);
            server.setExecutor(sink.executor);
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the recording sink", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.putIfAbsent(name, values.get(0)));
            try {
                CloudEvent event = CloudEventHttp.decode(new HttpMessage(headers, body));
                byte[] data = event.getData() == null ? new byte[0] : event.getData().toBytes();
                received.add(new Received(event.getSource().toString(), event.getId(), event.getType(), digest(data),
                        data.length <= KEEP_DATA_UP_TO ? data : null));
            } catch (RuntimeException e) { // InvalidEventException, or the codec failing
                invalidArrivals.add(new Received(String.valueOf(headers.get("ce-source")), String.valueOf(headers.get("ce-id")),
                        String.valueOf(headers.get("ce-type")), digest(body), null));
                if (invalidCount.incrementAndGet() <= KEEP_INVALID) {
                    invalid.add(e.getMessage() + " in " + headers + " " + Printable.of(body, 300));
                }
            }
            exchange.sendResponseHeaders(202, -1);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public long count() {
        return received.size() + invalidCount.get();
    }

    /** How many requests were no valid CloudEvent, and the first few of them. */
    public long invalidCount() {
        return invalidCount.get();
    }

    /** What the ce- headers of the invalid requests said (null text where there was none): they did arrive. */
    public List<Received> invalidArrivals() {
        return new ArrayList<>(invalidArrivals);
    }

    public List<String> invalidSamples() {
        return new ArrayList<>(invalid);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
