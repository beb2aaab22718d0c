package io.kedge.device.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.device.TestEvents;
import io.kedge.device.forward.CeOverrides;
import io.kedge.device.forward.HttpEventSender;
import io.kedge.device.forward.SendOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Verifies the saving benchmark's byte count against the bytes {@link HttpEventSender} really
 * writes to a socket, and reports the figure: 10 devices at 1 Hz for an hour.
 */
class SavingsBenchTest {

    private static final Logger LOG = Logger.getLogger(SavingsBenchTest.class);

    @Test
    void theCountedBytesAreTheBytesTheSenderWrites() throws Exception {
        CloudEvent summary = TestEvents.summary(3);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI upstream = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/kedge/default");
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> readOneRequest(server));

            SendOutcome outcome = new HttpEventSender(upstream, CeOverrides.NONE, Duration.ofSeconds(5)).send(summary);

            assertThat(outcome.result()).isEqualTo(SendOutcome.Result.DELIVERED);
            assertThat(SavingsBench.wireBytes(summary, upstream)).isEqualTo(received.get(10, TimeUnit.SECONDS).longValue());
        }
    }

    @Test
    void tenDevicesAtOneHertzForAnHourSendFarFewerBytesAsSummaries() {
        SavingsBench.Result result = SavingsBench.run(10, 1, 1, URI.create("http://kedge-cloud:8080/kedge/default"));

        assertThat(result.readings()).isEqualTo(36_000);
        assertThat(result.summaries()).isEqualTo(1_200);
        assertThat(result.ratio()).isGreaterThan(10);
        LOG.info(SavingsBench.report(10, 1, 1, result));
    }

    /** Reads one request (head and Content-Length body), answers 202, and returns its size in bytes. */
    private static int readOneRequest(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                request.write(in.read());
            }
            String head = request.toString(StandardCharsets.ISO_8859_1);
            int length = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElse(0);
            int total = head.length() + in.readNBytes(length).length;
            socket.getOutputStream().write("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
