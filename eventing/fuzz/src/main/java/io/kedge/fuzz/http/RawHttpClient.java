package io.kedge.fuzz.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over one keep-alive socket to a loopback port, writing requests byte for byte as the
 * fuzz case says. A regular client (the JDK's, Vert.x's) refuses to send what a fuzzer must send:
 * control characters and non-ASCII bytes in header values, duplicate and conflicting headers,
 * unknown methods. Not thread-safe: one per sending thread.
 */
public final class RawHttpClient implements AutoCloseable {

    private static final int MAX_RESPONSE_BODY = 16 * 1024 * 1024;
    private static final int MAX_LINE = 64 * 1024;

    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean reused;

    public RawHttpClient(int port, Duration timeout) {
        this.port = port;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** Sends {@code request} and reads the whole answer; never throws for what the server does. */
    public Answer send(FuzzRequest request) {
        Answer answer = attempt(request);
        // A keep-alive connection the server closed after its last answer (a server may close after a
        // 400 without saying so) fails before any byte of a response; every HTTP client retries that
        // once on a new connection, and so does this one. Only a failure on a fresh connection counts.
        if (answer.kind() == Answer.Kind.NO_ANSWER && answer.failure().startsWith(STALE)) {
            answer = attempt(request);
        }
        if (answer.kind() == Answer.Kind.NO_ANSWER && answer.failure().startsWith(STALE)) {
            answer = Answer.none(Answer.Kind.NO_ANSWER, answer.failure().substring(STALE.length()));
        }
        return answer;
    }

    private static final String STALE = "(stale) ";

    private Answer attempt(FuzzRequest request) {
        try {
            open();
        } catch (IOException e) {
            return Answer.none(Answer.Kind.NO_ANSWER, "cannot connect to port " + port + ": " + e.getMessage());
        }
        boolean wasReused = reused;
        reused = true;
        String writeFailure = null;
        try {
            write(request);
        } catch (IOException e) {
            // The server may refuse early (413 while the body still streams in) and close; its answer
            // can still be in the receive buffer.
            writeFailure = e.getMessage();
        }
        try {
            Answer answer = read(request);
            if (request.closeAfter() || writeFailure != null || "close".equalsIgnoreCase(answer.header("connection"))) {
                close();
            }
            return answer;
        } catch (SocketTimeoutException e) {
            close();
            return Answer.none(Answer.Kind.TIMEOUT, "no complete response within " + timeoutMillis + " ms");
        } catch (NoResponseStart e) {
            close();
            String why = writeFailure == null ? e.getMessage()
                    : "connection failed while sending (" + writeFailure + ") and no response followed";
            return Answer.none(Answer.Kind.NO_ANSWER, (wasReused ? STALE : "") + why);
        } catch (IOException e) {
            close();
            return Answer.none(Answer.Kind.NO_ANSWER, "response broken off: " + e);
        }
    }

    private void open() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
        reused = false;
    }

    private void write(FuzzRequest request) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        ascii(head, request.method() + " ");
        head.write(request.path().getBytes(StandardCharsets.UTF_8));
        ascii(head, " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        for (Header header : request.headers()) {
            ascii(head, header.name() + ": ");
            head.write(header.value());
            ascii(head, "\r\n");
        }
        byte[] body = request.body();
        if (request.framing() == FuzzRequest.Framing.CHUNKED) {
            ascii(head, "Transfer-Encoding: chunked\r\n\r\n");
            out.write(head.toByteArray());
            int chunk = Math.max(1, body.length / 3 + 1);
            for (int at = 0; at < body.length; at += chunk) {
                int n = Math.min(chunk, body.length - at);
                ascii(out, Integer.toHexString(n) + "\r\n");
                out.write(body, at, n);
                ascii(out, "\r\n");
            }
            ascii(out, "0\r\n\r\n");
        } else {
            ascii(head, "Content-Length: " + body.length + "\r\n\r\n");
            out.write(head.toByteArray());
            out.write(body);
        }
        out.flush();
    }

    private Answer read(FuzzRequest request) throws IOException {
        String statusLine;
        try {
            statusLine = line(true);
        } catch (EOFException | java.net.SocketException e) {
            throw new NoResponseStart("connection closed without a response (" + e.getMessage() + ")");
        }
        while (true) {
            int status = status(statusLine);
            List<Map.Entry<String, String>> headers = headers();
            if (status >= 100 && status < 200) {
                statusLine = line(false); // 100 Continue and friends: the real answer follows
                continue;
            }
            byte[] body = body(request, status, headers);
            return new Answer(Answer.Kind.ANSWERED, status, headers, body, null);
        }
    }

    private static int status(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + Printable.of(line, 200));
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status line: " + Printable.of(line, 200));
        }
    }

    private List<Map.Entry<String, String>> headers() throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line = line(false); !line.isEmpty(); line = line(false)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed response header: " + Printable.of(line, 200));
            }
            headers.add(new AbstractMap.SimpleImmutableEntry<>(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim()));
        }
        return headers;
    }

    private byte[] body(FuzzRequest request, int status, List<Map.Entry<String, String>> headers) throws IOException {
        if (request.isHead() || status == 204 || status == 304) {
            return new byte[0];
        }
        String transferEncoding = first(headers, "transfer-encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked();
        }
        String length = first(headers, "content-length");
        if (length != null) {
            long n = Long.parseLong(length.trim());
            if (n > MAX_RESPONSE_BODY) {
                throw new IOException("response body of " + n + " bytes");
            }
            byte[] body = in.readNBytes((int) n);
            if (body.length < n) {
                throw new EOFException("response body ended after " + body.length + " of " + n + " bytes");
            }
            return body;
        }
        // Neither: the body runs to the end of the connection.
        byte[] body = in.readNBytes(MAX_RESPONSE_BODY);
        close();
        return body;
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(false);
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!line(false).isEmpty()) {
                    // trailers: ignored
                }
                return body.toByteArray();
            }
            if (body.size() + n > MAX_RESPONSE_BODY) {
                throw new IOException("chunked response body over " + MAX_RESPONSE_BODY + " bytes");
            }
            byte[] chunk = in.readNBytes(n);
            if (chunk.length < n) {
                throw new EOFException("chunk ended early");
            }
            body.write(chunk);
            line(false);
        }
    }

    private static String first(List<Map.Entry<String, String>> headers, String name) {
        return headers.stream().filter(h -> h.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private String line(boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (first && line.size() == 0) {
                    throw new EOFException("end of stream");
                }
                throw new EOFException("connection closed inside the response");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a dead connection
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    /** No byte of a response arrived: the connection ended first. */
    private static final class NoResponseStart extends IOException {
        NoResponseStart(String message) {
            super(message);
        }
    }
}
