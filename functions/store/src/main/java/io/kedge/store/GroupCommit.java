package io.kedge.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Group commit: coalesces the points of concurrent requests into few writes without acknowledging
 * any point early. Each request enqueues its point and gets a future that completes only with the
 * outcome of the write that carried that point.
 *
 * <p>A writer thread takes what is queued (up to {@link BatchSettings#maxSize()}), lingers for
 * more while points keep coming (at most {@link BatchSettings#linger()}, ending early after a
 * {@link BatchSettings#lingerGap()} without one), writes the batch and completes its futures;
 * while it writes, new points queue up and form the next batch. So batches grow with the load,
 * and a lone point waits only the gap. A write InfluxDB refuses (400:
 * a field type conflict, a point beyond retention, …) is split in halves and retried until the
 * refused points are alone: the other points of the batch are stored and their requests succeed,
 * and only the requests of refused points fail, each with InfluxDB's words about its own point.
 * Rewriting points is harmless, because a point's identity (tags, timestamp) makes the write
 * idempotent. Any other failure (InfluxDB unreachable, 5xx) fails every request of the batch.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    // How often an idle writer checks whether the store is closing.
    private static final long IDLE_POLL_MILLIS = 100;

    private final Consumer<List<String>> sink;
    private final BatchSettings settings;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private final ReentrantLock collecting = new ReentrantLock();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong points = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param sink writes line-protocol records in one request and returns only once they are
     *             stored; throws {@link StoreRejectedException} when the server refuses them,
     *             any other exception when it cannot take them now
     */
    public GroupCommit(Consumer<List<String>> sink, BatchSettings settings) {
        this.sink = sink;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.maxPending());
        for (int i = 1; i <= settings.writers(); i++) {
            Thread writer = new Thread(this::run, "kedge-store-writer-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /**
     * Queues one line-protocol record.
     *
     * @return completes once the record is stored, or exceptionally with the reason it is not
     */
    public CompletableFuture<Void> submit(String record) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        if (closed) {
            stored.completeExceptionally(new StoreUnavailableException("the store is shutting down", null));
        } else if (!queue.offer(new Pending(record, stored))) {
            stored.completeExceptionally(new StoreUnavailableException(settings.maxPending()
                    + " points already wait for InfluxDB (kedge.store.batch.max-pending); retry later", null));
        }
        return stored;
    }

    /** Writes sent so far, splits of refused batches included. */
    public long writes() {
        return writes.get();
    }

    /** Points sent so far, counted once per write that carried them. */
    public long pointsWritten() {
        return points.get();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(settings.maxSize());
        while (!closed || !queue.isEmpty()) {
            try {
                if (collect(batch)) {
                    commit(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // never leave a request waiting, whatever went wrong
                fail(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Fills {@code batch} with what is queued; false when nothing came within the idle poll. One
     * writer collects at a time, so that the next batch forms in one place while earlier ones are
     * written, instead of every idle writer taking a few points of it.
     */
    private boolean collect(List<Pending> batch) throws InterruptedException {
        collecting.lockInterruptibly();
        try {
            return collectAlone(batch);
        } finally {
            collecting.unlock();
        }
    }

    private boolean collectAlone(List<Pending> batch) throws InterruptedException {
        Pending first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        batch.add(first);
        queue.drainTo(batch, settings.maxSize() - batch.size());
        Duration linger = settings.linger();
        if (!linger.isZero()) {
            long deadline = System.nanoTime() + linger.toNanos();
            long gap = settings.lingerGap().toNanos();
            long left;
            while (batch.size() < settings.maxSize() && (left = deadline - System.nanoTime()) > 0) {
                // points that keep coming are worth waiting for; a pause means the burst is over
                Pending next = queue.poll(Math.min(left, gap), TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                batch.add(next);
                queue.drainTo(batch, settings.maxSize() - batch.size());
            }
        }
        return true;
    }

    private void commit(List<Pending> batch) {
        List<String> records = new ArrayList<>(batch.size());
        batch.forEach(pending -> records.add(pending.record()));
        writes.incrementAndGet();
        points.addAndGet(batch.size());
        try {
            sink.accept(records);
        } catch (StoreRejectedException refused) {
            if (batch.size() == 1) {
                fail(batch, refused);
                return;
            }
            LOG.debugf("InfluxDB refused a batch of %d points (%s); writing it in halves to find the refused ones",
                    batch.size(), refused.getMessage());
            int half = batch.size() / 2;
            commit(batch.subList(0, half));
            commit(batch.subList(half, batch.size()));
            return;
        } catch (RuntimeException failed) {
            fail(batch, failed);
            return;
        }
        batch.forEach(pending -> pending.stored().complete(null));
    }

    private static void fail(List<Pending> batch, Throwable failure) {
        batch.forEach(pending -> pending.stored().completeExceptionally(failure));
    }

    /**
     * Stops taking points, writes what is queued, and waits for the writers up to {@code wait}.
     */
    public void close(Duration wait) {
        closed = true;
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread writer : writers) {
            try {
                writer.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long sent = writes.get();
        LOG.infof("group commit: %d points in %d writes (%.1f per write)", points.get(), sent,
                sent == 0 ? 0.0 : (double) points.get() / sent);
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            fail(left, new StoreUnavailableException("the store shut down before writing the point", null));
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private record Pending(String record, CompletableFuture<Void> stored) {
    }
}
