package io.kedge.device.forward;

import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.kedge.device.TestEvents;
import io.kedge.testkit.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * How fast a backlog drains for each send window: {@code events} readings are put in a fresh
 * buffer (fsync on), then a {@link StoreAndForward} sends them to a loopback sink that answers 202
 * {@code delay} after each request, as the local broker answers only after its fsync. Not a test:
 * the figures depend on the machine and its load.
 *
 * <p>Run: {@code ForwardBench [events] [delay-ms] [concurrency...]}, defaults 2000 10 1 8 32 64.
 */
public final class ForwardBench {

    private static final Logger LOG = Logger.getLogger(ForwardBench.class);

    public static void main(String[] args) throws IOException {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Duration delay = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 10);
        int[] windows = args.length > 2
                ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8, 32, 64};
        List<CloudEvent> readings = TestEvents.readings(0, events);
        ExecutorService handlers = Executors.newCachedThreadPool();
        HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sink.setExecutor(handlers);
        sink.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            try {
                Thread.sleep(delay.toMillis()); // the broker's fsync before its 202
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        sink.start();
        URI url = URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/kedge/default");
        try {
            for (int window : windows) {
                double perSecond = drain(readings, url, window);
                LOG.infof("window %2d: %d events drained at %.0f events/s (sink answers after %d ms); load average %s",
                        window, events, perSecond, delay.toMillis(), loadAverage());
            }
        } finally {
            sink.stop(0);
            handlers.shutdownNow();
        }
    }

    private static double drain(List<CloudEvent> readings, URI url, int window) throws IOException {
        Path dir = Files.createTempDirectory("kedge-forward-bench-");
        DurableBuffer.Limits limits = new DurableBuffer.Limits(readings.size() + 1L, 256L << 20, true);
        try (DurableBuffer backlog = DurableBuffer.open(dir, limits)) {
            CompletableFuture.allOf(readings.stream().map(backlog::append).toArray(CompletableFuture[]::new))
                    .orTimeout(2, TimeUnit.MINUTES).join();
        }
        long start = System.nanoTime();
        try (StoreAndForward forwarder = new StoreAndForward(DurableBuffer.open(dir, limits),
                new HttpEventSender(url, CeOverrides.NONE, Duration.ofSeconds(10)),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), Clock.systemUTC(), window,
                Duration.ofSeconds(10))) {
            Poll.until(readings.size() + " events sent", Duration.ofMinutes(10), Duration.ofMillis(5),
                    () -> forwarder.stats().sent() == readings.size(), () -> forwarder.stats().toString());
            return readings.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private ForwardBench() {
    }
}
