package io.kedge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback ports for servers started by tests. */
public final class FreePorts {

    /** Every port handed out by this JVM: a server asks for two (InfluxDB's HTTP and RPC) before binding either. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int ATTEMPTS = 100;

    /**
     * A port that was free on 127.0.0.1 a moment ago and that this JVM has not handed out before.
     * The kernel may offer a port again as soon as the probe socket is closed, so two calls in a
     * row could name the same port, and the second server to bind it fails (CI saw InfluxDB's
     * HTTP service refused its port with "address already in use").
     */
    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = probe();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no loopback port this JVM has not handed out yet, after " + ATTEMPTS + " tries");
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private FreePorts() {
    }
}
