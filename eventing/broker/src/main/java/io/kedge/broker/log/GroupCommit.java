package io.kedge.broker.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * The one thread that changes the store. Changes queue up while a commit is running; the next
 * commit applies all of them, writes one chunk and fsyncs once, then completes every change's
 * future. So concurrent ingress requests share one fsync (group commit), and a future completes
 * only when its change is on disk.
 *
 * <p>Deferred changes (a Trigger finished an event) are applied at once and their futures complete
 * at once, but they never cause a commit of their own: they ride along with the next durable change,
 * or are committed when the oldest has waited {@link #DEFERRED_COMMIT_NANOS}. Losing one in a crash
 * only means a delivery is repeated, which at-least-once allows; committing each would double the
 * fsyncs per event.
 *
 * <p>The thread is never interrupted: an interrupt closes an NIO file channel under MVStore.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    /** Changes per commit at most, so one commit's chunk and the wait of its first change stay small. */
    private static final int MAX_BATCH = 1024;
    /** Longest a deferred change stays uncommitted when no durable change comes to carry it. */
    static final long DEFERRED_COMMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Idle time after which the writer rewrites sparse chunks, so the file shrinks back after a burst. */
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int TARGET_FILL_RATE = 60;
    private static final int COMPACT_WRITE_BYTES = 4 << 20;

    private final MVStore store;
    private final boolean fsync;
    private final long lingerNanos;
    private final BrokerStore.CommitListener listener;
    private final BlockingQueue<Change<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile RuntimeException failure;
    private long lastHousekeeping = System.nanoTime();
    /** Deferred changes applied since the last commit, and when the oldest was applied. */
    private int deferred;
    private long deferredSince;
    /** Changes submitted and not yet committed, whether queued, applied or deferred. */
    private final AtomicInteger uncommitted = new AtomicInteger();

    private record Change<T>(Supplier<T> change, CompletableFuture<T> done, boolean deferred) {

        /** Applies the change; the future completes now when deferred, else by the commit's completions. */
        void apply(List<Runnable> completions) {
            try {
                T result = change.get();
                if (deferred) {
                    done.complete(result);
                } else {
                    completions.add(() -> done.complete(result));
                }
            } catch (RuntimeException e) {
                if (deferred) {
                    done.completeExceptionally(e);
                } else {
                    completions.add(() -> done.completeExceptionally(e));
                }
            }
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
        this.thread = new Thread(this::run, "kedge-broker-store");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Runs {@code change} on the writer thread with the next commit.
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
            uncommitted.incrementAndGet();
            queue.add(new Change<>(change, done, deferred));
        }
        return done;
    }

    /** Changes a crash would undo now: queued, or applied with a commit still to come. */
    int uncommitted() {
        return uncommitted.get();
    }

    /** Null while the store works; the error that stopped it otherwise. */
    RuntimeException failure() {
        return failure;
    }

    private void run() {
        List<Change<?>> batch = new ArrayList<>(MAX_BATCH);
        List<Runnable> completions = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        while (!stop) {
            Change<?> first = next();
            if (first == null) {
                if (deferred > 0) {
                    commit(List.of(), completions);
                } else {
                    housekeeping();
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            if (lingerNanos > 0 && !first.deferred()) {
                linger(batch);
            }
            boolean durable = false;
            for (Change<?> change : batch) {
                if (change == STOP) {
                    stop = true;
                    durable = true;
                } else {
                    change.apply(completions);
                    if (change.deferred()) {
                        if (deferred++ == 0) {
                            deferredSince = System.nanoTime();
                        }
                    } else {
                        durable = true;
                    }
                }
            }
            if (durable || deferred >= MAX_BATCH
                    || (deferred > 0 && System.nanoTime() - deferredSince >= DEFERRED_COMMIT_NANOS)) {
                commit(batch, completions);
            }
            batch.clear();
            completions.clear();
        }
    }

    /** The next change; null when idle for a second, or when deferred changes are due for their commit. */
    private Change<?> next() {
        long wait = deferred > 0
                ? deferredSince + DEFERRED_COMMIT_NANOS - System.nanoTime()
                : TimeUnit.SECONDS.toNanos(1);
        try {
            return wait <= 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return null; // nobody should interrupt this thread; keep the store consistent regardless
        }
    }

    /** Waits up to the linger time after the batch's first change for more to share its commit. */
    private void linger(List<Change<?>> batch) {
        long until = System.nanoTime() + lingerNanos;
        while (batch.size() < MAX_BATCH) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Change<?> more = queue.poll(left, TimeUnit.NANOSECONDS);
                if (more == null) {
                    return;
                }
                batch.add(more);
                queue.drainTo(batch, MAX_BATCH - batch.size());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Commits what was applied; completes the durable changes of {@code batch}, or fails them. */
    private void commit(List<Change<?>> batch, List<Runnable> completions) {
        long start = System.nanoTime();
        int changes = deferred;
        for (Change<?> change : batch) {
            if (!change.deferred() && change != STOP) {
                changes++;
            }
        }
        deferred = 0;
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
            batch.stream().filter(change -> !change.deferred())
                    .forEach(change -> change.done().completeExceptionally(failure));
            return;
        }
        uncommitted.addAndGet(-changes);
        if (changes > 0) {
            listener.committed(changes, System.nanoTime() - start); // before anyone learns the commit is done
        }
        completions.forEach(Runnable::run);
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

    /** Commits what is queued, then stops the thread; the caller closes the store. */
    @Override
    public void close() {
        closing = true;
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Change<?> left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new StoreFailedException("the broker's store closed", null));
        }
    }
}
