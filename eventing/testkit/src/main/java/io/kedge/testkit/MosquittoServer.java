package io.kedge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto}) on a free loopback port, configured from a
 * file in a temp dir. With persistence on, sessions and queued QoS 1 messages survive
 * {@link #restart()}, as they do for a production broker.
 */
public final class MosquittoServer extends ServerProcess {

    private final int port = FreePorts.next();
    private final boolean persistent;
    private final boolean tls;
    /** Only the user of the password file is admitted; else anonymous access. */
    private boolean passwordProtected;

    private MosquittoServer(boolean persistent, boolean tls) {
        super("mosquitto");
        this.persistent = persistent;
        this.tls = tls;
    }

    /** Starts a broker without persistence. */
    public static MosquittoServer start() {
        return start(false);
    }

    /** Starts a broker; {@code persistent} keeps sessions and queued messages across restarts. */
    public static MosquittoServer start(boolean persistent) {
        MosquittoServer server = new MosquittoServer(persistent, false);
        server.writeConfig();
        server.launch();
        return server;
    }

    /**
     * Starts a broker without persistence whose only listener is MQTT over TLS, with a server
     * certificate for {@code 127.0.0.1} and {@code localhost} signed by a CA made for it
     * ({@link #caCertificate()}); openssl makes both in the server's temp dir.
     */
    public static MosquittoServer startTls() {
        MosquittoServer server = new MosquittoServer(false, true);
        server.writeCertificates();
        server.writeConfig();
        server.launch();
        return server;
    }

    /**
     * Starts a broker without persistence that admits only {@code user} with {@code password}
     * (a password file made with Debian's {@code mosquitto_passwd}).
     */
    public static MosquittoServer startWithPassword(String user, String password) {
        MosquittoServer server = new MosquittoServer(false, false);
        server.passwordProtected = true;
        server.writePasswordFile(user, password);
        server.writeConfig();
        server.launch();
        return server;
    }

    private void writePasswordFile(String user, String password) {
        try {
            Path file = dir.resolve("passwords");
            run(binary("mosquitto_passwd", "mosquitto").toString(), "-b", "-c", file.toString(), user, password);
            // Mosquitto started as root drops to user 'mosquitto', which must read the file.
            readableByMosquitto(List.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PEM certificate of the CA that signed a TLS server's certificate. */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    private void writeCertificates() {
        try {
            Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=kedge-test-ca",
                    "-keyout", "ca.key", "-out", "ca.crt");
            run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key",
                    "-out", "server.csr");
            run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
            // Mosquitto started as root drops to user 'mosquitto', which must read its key.
            readableByMosquitto(List.of(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a tool in the server's directory; fails with its output when it exits non-zero. */
    private void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void readableByMosquitto(List<Path> files) throws IOException {
        for (Path file : files) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void writeConfig() {
        StringBuilder config = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append(tls ? "cafile " + dir.resolve("ca.crt") + "\ncertfile " + dir.resolve("server.crt")
                        + "\nkeyfile " + dir.resolve("server.key") + "\n" : "")
                .append(!passwordProtected ? "allow_anonymous true\n"
                        : "allow_anonymous false\npassword_file " + dir.resolve("passwords") + "\n")
                .append("log_dest stderr\n")
                .append("log_type error\nlog_type warning\nlog_type notice\n")
                // Mosquitto drops QoS 1 messages beyond 1,000 queued for a slow or absent subscriber,
                // silently: messages it acknowledged to the publisher. Kedge's bridge must get them all.
                .append("max_queued_messages 1000000\n");
        if (persistent) {
            Path data = dir.resolve("data");
            config.append("persistence true\n")
                    .append("persistence_location ").append(data).append("/\n")
                    .append("autosave_interval 1\n");
            try {
                Files.createDirectories(data);
                // Mosquitto started as root drops to user 'mosquitto', which must write here.
                Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            config.append("persistence false\n");
        }
        try {
            Files.writeString(dir.resolve("mosquitto.conf"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        launch(List.of(binary("mosquitto", "mosquitto").toString(), "-c", dir.resolve("mosquitto.conf").toString()),
                Map.of(), port, Duration.ofSeconds(15));
    }

    @Override
    protected boolean isReady() {
        return FreePorts.isOpen(port);
    }

    /** Stops the broker gracefully (it saves persistent state) and starts it again on the same port. */
    public void restart() {
        stopProcess();
        Poll.until("port " + port + " to close", Duration.ofSeconds(10), () -> !FreePorts.isOpen(port));
        launch();
    }

    public void stop() {
        stopProcess();
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:port} ({@code ssl://} with TLS), the form MQTT clients take. */
    public String url() {
        return (tls ? "ssl" : "tcp") + "://127.0.0.1:" + port;
    }
}
