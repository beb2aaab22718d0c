package io.kedge.broker.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * The two threads that change the store. The writer ("kedge-broker-store") applies each change to
 * the maps as it comes; the committer ("kedge-broker-commit") writes what was applied as one chunk,
 * fsyncs once, then completes every change's future. So concurrent ingress requests share one fsync
 * (group commit), and a future completes only when its change is on disk.
 *
 * <p>They are two so that applying never waits for the disk: a change that arrives while a commit
 * and its fsync run is applied at once, so its hand-off to the Triggers (see
 * {@link BrokerStore#append(byte[], java.util.Collection, long, java.util.function.LongConsumer)})
 * does not wait for the fsync of other events; it rides with the next commit. MVStore allows maps to
 * change while a commit runs on another thread (its own background writer does just that); a commit
 * holds every change applied before it started, which is what the committer's hand-over under
 * {@link #lock} guarantees. Commits and fsyncs stay on one thread, one after the other, so a chunk
 * the last fsync'd version needs is never overwritten (MVStore's retention time counts on it).
 *
 * <p>Deferred changes (a Trigger finished an event) are applied at once and their futures complete
 * at once, but they never cause a commit of their own: they ride along with the next durable change,
 * or are committed when the oldest has waited {@link #DEFERRED_COMMIT_NANOS}. Losing one in a crash
 * only means a delivery is repeated, which at-least-once allows; committing each would double the
 * fsyncs per event.
 *
 * <p>Neither thread is ever interrupted: an interrupt closes an NIO file channel under MVStore.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    /** Changes the writer takes at once, and applied changes after which a lingering commit starts. */
    private static final int MAX_BATCH = 1024;
    /** Longest a deferred change stays uncommitted when no durable change comes to carry it. */
    static final long DEFERRED_COMMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Idle time after which the committer rewrites sparse chunks, so the file shrinks back after a burst. */
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int TARGET_FILL_RATE = 60;
    private static final int COMPACT_WRITE_BYTES = 4 << 20;

    private final MVStore store;
    private final boolean fsync;
    private final long lingerNanos;
    private final BrokerStore.CommitListener listener;
    private final BlockingQueue<Change<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Thread committer;
    private volatile boolean closing;
    private volatile RuntimeException failure;
    private long lastHousekeeping = System.nanoTime();

    /** Hand-over from the writer to the committer. */
    private final Object lock = new Object();
    /** Durable changes applied and not yet in a commit; guarded by {@link #lock}. */
    private List<Applied<?>> applied = new ArrayList<>();
    /** When the first of {@link #applied} was applied; guarded by {@link #lock}. */
    private long appliedSince;
    /** Deferred changes applied since the last commit, and when the oldest was; guarded by {@link #lock}. */
    private int deferred;
    private long deferredSince;
    /** The writer has stopped: the committer commits what is left and stops too; guarded by {@link #lock}. */
    private boolean writerDone;

    private record Change<T>(Supplier<T> change, CompletableFuture<T> done, boolean deferred) {
    }

    /** A durable change applied to the maps, whose future waits for the commit that holds it. */
    private record Applied<T>(CompletableFuture<T> done, T result, RuntimeException error) {

        void committed() {
            if (error == null) {
                done.complete(result);
            } else {
                done.completeExceptionally(error);
            }
        }

        void failed(RuntimeException commitFailure) {
            done.completeExceptionally(error != null ? error : commitFailure);
        }
    }

    private static final Change<Void> STOP = new Change<>(() -> null, new CompletableFuture<>(), false);

    /**
     * @param lingerNanos how long a commit waits for more durable changes after the first one
     *                    arrived; 0 commits at once (concurrent changes still share the commit)
     */
    GroupCommit(MVStore store, boolean fsync, long lingerNanos, BrokerStore.CommitListener listener) {
        this.store = store;
        this.fsync = fsync;
        this.lingerNanos = lingerNanos;
        this.listener = listener;
        this.writer = new Thread(this::write, "kedge-broker-store");
        this.committer = new Thread(this::commitLoop, "kedge-broker-commit");
        this.writer.setDaemon(true);
        this.committer.setDaemon(true);
        this.committer.start();
        this.writer.start();
    }

    /**
     * Runs {@code change} on the writer thread; its future waits for the next commit.
     *
     * @return completed with the change's result once committed (and fsync'd when enabled); failed
     *         with the change's exception, or with {@link StoreFailedException} when the commit failed
     */
    <T> CompletableFuture<T> submit(Supplier<T> change) {
        return enqueue(change, false);
    }

    /**
     * Runs {@code change} on the writer thread without waiting for a commit: it reaches the disk with
     * the next commit, at most {@link #DEFERRED_COMMIT_NANOS} later; a crash before that undoes it.
     *
     * @return completed with the change's result once applied
     */
    <T> CompletableFuture<T> submitDeferred(Supplier<T> change) {
        return enqueue(change, true);
    }

    private <T> CompletableFuture<T> enqueue(Supplier<T> change, boolean deferred) {
        CompletableFuture<T> done = new CompletableFuture<>();
        RuntimeException failed = failure;
        if (failed != null) {
            done.completeExceptionally(failed);
        } else if (closing) {
            done.completeExceptionally(new StoreFailedException("the broker's store is closing", null));
        } else {
            queue.add(new Change<>(change, done, deferred));
        }
        return done;
    }

    /** Changes waiting to be applied or committed. */
    int waiting() {
        synchronized (lock) {
            return queue.size() + applied.size();
        }
    }

    /** Null while the store works; the error that stopped it otherwise. */
    RuntimeException failure() {
        return failure;
    }

    // --- the writer -----------------------------------------------------------------------------

    private void write() {
        List<Change<?>> batch = new ArrayList<>(MAX_BATCH);
        List<Applied<?>> durable = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        while (!stop) {
            Change<?> first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                continue; // nobody should interrupt this thread; keep the store consistent regardless
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            int deferredNow = 0;
            for (Change<?> change : batch) {
                if (change == STOP) {
                    stop = true;
                } else if (change.deferred()) {
                    apply(change).committed(); // its future completes now; the change waits for a commit
                    deferredNow++;
                } else {
                    durable.add(apply(change));
                }
            }
            synchronized (lock) {
                long now = System.nanoTime();
                if (deferredNow > 0 && deferred == 0) {
                    deferredSince = now;
                }
                deferred += deferredNow;
                if (!durable.isEmpty()) {
                    if (applied.isEmpty()) {
                        appliedSince = now;
                    }
                    applied.addAll(durable);
                }
                writerDone = stop;
                lock.notifyAll();
            }
            batch.clear();
            durable.clear();
        }
    }

    private static <T> Applied<T> apply(Change<T> change) {
        try {
            return new Applied<>(change.done(), change.change().get(), null);
        } catch (RuntimeException e) {
            return new Applied<>(change.done(), null, e);
        }
    }

    // --- the committer --------------------------------------------------------------------------

    private void commitLoop() {
        while (true) {
            List<Applied<?>> batch;
            int changes;
            boolean last;
            synchronized (lock) {
                boolean idle = !awaitCommitDue();
                last = writerDone;
                if (idle && !last) {
                    batch = null;
                    changes = 0;
                } else {
                    batch = applied;
                    applied = new ArrayList<>();
                    changes = batch.size() + deferred;
                    deferred = 0;
                }
            }
            if (batch == null) {
                housekeeping();
                continue;
            }
            commit(batch, changes);
            if (last) {
                return;
            }
        }
    }

    /**
     * Waits, holding {@link #lock}, until a commit is due: durable changes applied (and their linger
     * over), deferred changes old enough, or the writer done.
     *
     * @return false when a second passed with nothing to commit (time for housekeeping)
     */
    private boolean awaitCommitDue() {
        long idleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (true) {
            long now = System.nanoTime();
            if (writerDone) {
                return true;
            }
            long wait;
            if (!applied.isEmpty()) {
                wait = lingerNanos <= 0 || applied.size() >= MAX_BATCH ? 0 : appliedSince + lingerNanos - now;
            } else if (deferred > 0) {
                wait = deferred >= MAX_BATCH ? 0 : deferredSince + DEFERRED_COMMIT_NANOS - now;
            } else {
                wait = idleUntil - now;
                if (wait <= 0) {
                    return false;
                }
                waitOnLock(wait);
                continue;
            }
            if (wait <= 0) {
                return true;
            }
            waitOnLock(wait);
        }
    }

    private void waitOnLock(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, nanos);
        } catch (InterruptedException e) {
            // nobody should interrupt this thread; the loop re-checks
        }
    }

    /** Commits what was applied; completes the durable changes of {@code batch}, or fails them. */
    private void commit(List<Applied<?>> batch, int changes) {
        long start = System.nanoTime();
        try {
            if (failure != null) {
                throw failure;
            }
            if (store.isClosed()) {
                throw new StoreFailedException("the broker's store is closed", null);
            }
            store.commit();
            if (fsync) {
                store.sync();
            }
        } catch (RuntimeException e) {
            fail(e);
            batch.forEach(change -> change.failed(failure));
            return;
        }
        if (changes > 0) {
            listener.committed(changes, System.nanoTime() - start); // before anyone learns the commit is done
        }
        batch.forEach(Applied::committed);
        if (start - lastHousekeeping > HOUSEKEEPING_NANOS * 6) {
            housekeeping(); // under constant load too, now and then
        }
    }

    private void housekeeping() {
        lastHousekeeping = System.nanoTime();
        if (failure != null || store.isClosed()) {
            return;
        }
        try {
            if (store.getFillRate() < TARGET_FILL_RATE && store.compact(TARGET_FILL_RATE, COMPACT_WRITE_BYTES)) {
                store.commit();
                if (fsync) {
                    store.sync();
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(RuntimeException e) {
        if (failure == null) {
            failure = e instanceof StoreFailedException stored ? stored
                    : new StoreFailedException("the broker's store failed: " + e.getMessage(), e);
            LOG.errorf(e, "event=store-failed reason=\"%s\"", e.getMessage());
        }
    }

    /** Applies and commits what is queued, then stops both threads; the caller closes the store. */
    @Override
    public void close() {
        closing = true;
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
            committer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StoreFailedException closed = new StoreFailedException("the broker's store closed", null);
        Change<?> left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(closed);
        }
        synchronized (lock) {
            applied.forEach(change -> change.failed(closed));
            applied.clear();
        }
    }
}
