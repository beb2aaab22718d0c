package io.kedge.functions.support;

import java.util.function.Consumer;

/**
 * Lets concurrent callers share one write of line-protocol text, each returning only once the
 * write that carried its lines succeeded. The function's state must be stored before it answers,
 * so every evaluated reading used to cost one InfluxDB request (and one WAL fsync); under load the
 * broker delivers dozens at once, and they now share a request.
 *
 * <p>No thread of its own: a caller that finds no write running writes the lines gathered so far
 * (its own first), and callers arriving meanwhile gather for the next write, which one of them
 * makes once the running one ends. A lone caller therefore writes at once, as before. A failed
 * write fails every caller whose lines it carried, with the same exception; the next write is
 * tried afresh. Rewriting state is harmless: each point's tags and timestamp make it idempotent.
 */
public final class SharedWrite {

    private final Consumer<String> write;
    private final Object lock = new Object();
    /** Lines gathered for the next write; guarded by {@link #lock}. */
    private Batch open = new Batch();
    /** A write is running; guarded by {@link #lock}. */
    private boolean writing;

    /**
     * @param write stores newline-separated line-protocol records, returning only once stored;
     *              throws (any RuntimeException) when it could not
     */
    public SharedWrite(Consumer<String> write) {
        this.write = write;
    }

    /**
     * Writes {@code lines} (one or more records, no trailing newline needed) with whatever else is
     * waiting, and returns once they are stored.
     *
     * @throws RuntimeException what the write that carried them threw
     */
    public void write(String lines) {
        Batch batch;
        synchronized (lock) {
            batch = open;
            batch.add(lines);
            while (!batch.done && writing) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting to store the state", e);
                }
            }
            if (batch.done) {
                batch.rethrow();
                return;
            }
            writing = true;
            open = new Batch();
        }
        RuntimeException failure = null;
        try {
            write.accept(batch.text.toString());
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (lock) {
            batch.done = true;
            batch.failure = failure;
            writing = false;
            lock.notifyAll();
        }
        batch.rethrow();
    }

    /** Callers whose lines wait for the next write. */
    public int waiting() {
        synchronized (lock) {
            return open.callers;
        }
    }

    /** The lines of one write and, once it ended, its outcome. */
    private static final class Batch {

        private final StringBuilder text = new StringBuilder();
        private boolean done;
        private RuntimeException failure;
        private int callers;

        void add(String lines) {
            callers++;
            text.append(lines);
            if (!lines.endsWith("\n")) {
                text.append('\n');
            }
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
