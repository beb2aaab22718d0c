package io.kedge.fuzz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RawHttpClientTest {

    private static FuzzRequest post(List<Header> headers, String body, FuzzRequest.Framing framing) {
        return new FuzzRequest("POST", "/x", headers, body.getBytes(StandardCharsets.UTF_8), framing, false);
    }

    @Test
    void readsFixedAndChunkedResponsesOverOneKeptAliveConnection() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        AtomicInteger connections = new AtomicInteger();
        server.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            byte[] out = ("got " + in.length).getBytes(StandardCharsets.UTF_8);
            // length 0 makes the JDK server answer chunked
            exchange.sendResponseHeaders(exchange.getRequestURI().getQuery() == null ? 200 : 201,
                    exchange.getRequestURI().getQuery() == null ? out.length : 0);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        try (RawHttpClient client = new RawHttpClient(server.getAddress().getPort(), Duration.ofSeconds(5))) {
            Answer fixed = client.send(post(List.of(), "hello", FuzzRequest.Framing.CONTENT_LENGTH));
            Answer chunked = client.send(new FuzzRequest("POST", "/x?chunked", List.of(),
                    "hello world".getBytes(StandardCharsets.UTF_8), FuzzRequest.Framing.CHUNKED, false));
            assertThat(fixed.status()).isEqualTo(200);
            assertThat(fixed.text()).isEqualTo("got 5");
            assertThat(chunked.status()).isEqualTo(201);
            assertThat(chunked.text()).isEqualTo("got 11");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void sendsHeaderBytesExactlyAsGiven() throws Exception {
        AtomicReference<byte[]> received = new AtomicReference<>();
        try (ScriptedServer server = new ScriptedServer(socket -> {
            received.set(readHead(socket.getInputStream()));
            socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            try (RawHttpClient client = new RawHttpClient(server.port(), Duration.ofSeconds(5))) {
                Answer answer = client.send(post(List.of(new Header("ce-id", new byte[] {'k', (byte) 0xE9, (byte) 0xFF}),
                        Header.of("ce-id", "second")), "", FuzzRequest.Framing.CONTENT_LENGTH));
                assertThat(answer.status()).isEqualTo(204);
            }
        }
        String head = new String(received.get(), StandardCharsets.ISO_8859_1);
        assertThat(head).contains("ce-id: k\u00e9\u00ff\r\nce-id: second\r\n");
    }

    @Test
    void aConnectionClosedWithoutAResponseIsNoAnswer() throws Exception {
        try (ScriptedServer server = new ScriptedServer(socket -> readHead(socket.getInputStream()))) {
            try (RawHttpClient client = new RawHttpClient(server.port(), Duration.ofSeconds(5))) {
                Answer answer = client.send(post(List.of(), "x", FuzzRequest.Framing.CONTENT_LENGTH));
                assertThat(answer.kind()).isEqualTo(Answer.Kind.NO_ANSWER);
                assertThat(answer.failure()).doesNotStartWith("(stale)");
            }
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ScriptedServer server = new ScriptedServer(socket -> {
            readHead(socket.getInputStream());
            socket.getInputStream().readAllBytes(); // holds the connection open until the client gives up
        })) {
            try (RawHttpClient client = new RawHttpClient(server.port(), Duration.ofMillis(300))) {
                assertThat(client.send(post(List.of(), "x", FuzzRequest.Framing.CONTENT_LENGTH)).kind())
                        .isEqualTo(Answer.Kind.TIMEOUT);
            }
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return head.toByteArray();
    }

    /** A loopback server that runs {@code script} on each connection, then closes it. */
    private static final class ScriptedServer implements AutoCloseable {

        interface Script {
            void run(Socket socket) throws IOException;
        }

        private final ServerSocket socket;
        private final Thread thread;

        ScriptedServer(Script script) throws IOException {
            socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        script.run(connection);
                    } catch (IOException e) {
                        // the next connection, or the end
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
