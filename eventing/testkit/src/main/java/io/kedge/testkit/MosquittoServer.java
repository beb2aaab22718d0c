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

    private MosquittoServer(boolean persistent) {
        super("mosquitto");
        this.persistent = persistent;
    }

    /** Starts a broker without persistence. */
    public static MosquittoServer start() {
        return start(false);
    }

    /** Starts a broker; {@code persistent} keeps sessions and queued messages across restarts. */
    public static MosquittoServer start(boolean persistent) {
        MosquittoServer server = new MosquittoServer(persistent);
        server.writeConfig();
        server.launch();
        return server;
    }

    private void writeConfig() {
        StringBuilder config = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append("allow_anonymous true\n")
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

    /** {@code tcp://127.0.0.1:port}, the form MQTT clients take. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }
}
