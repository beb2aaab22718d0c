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
 * The one thread that changes the store. Changes queue up while a commit is running; the next
 * commit applies all of them, writes one chunk and fsyncs once, then completes every change's
 * future. So concurrent ingress requests share one fsync (group commit), and a future completes
 * only when its change is on disk.
 *
 * <p>The thread is never interrupted: an interrupt closes an NIO file channel under MVStore.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    /** Changes per commit at most, so one commit's chunk and the wait of its first change stay small. */
    private static final int MAX_BATCH = 1024;
    /** Idle time after which the writer rewrites sparse chunks, so the file shrinks back after a burst. */
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int TARGET_FILL_RATE = 60;
    private static final int COMPACT_WRITE_BYTES = 4 << 20;

    private final MVStore store;
    private final boolean fsync;
    private final BrokerStore.CommitListener listener;
    private final BlockingQueue<Change<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile RuntimeException failure;
    private long lastHousekeeping = System.nanoTime();

    private record Change<T>(Supplier<T> change, CompletableFuture<T> done) {

        void apply(List<Runnable> completions) {
            try {
                T result = change.get();
                completions.add(() -> done.complete(result));
            } catch (RuntimeException e) {
                completions.add(() -> done.completeExceptionally(e));
            }
        }
    }

    private static final Change<Void> STOP = new Change<>(() -> null, new CompletableFuture<>());

    GroupCommit(MVStore store, boolean fsync, BrokerStore.CommitListener listener) {
        this.store = store;
        this.fsync = fsync;
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
        CompletableFuture<T> done = new CompletableFuture<>();
        RuntimeException failed = failure;
        if (failed != null) {
            done.completeExceptionally(failed);
        } else if (closing) {
            done.completeExceptionally(new StoreFailedException("the broker's store is closing", null));
        } else {
            queue.add(new Change<>(change, done));
        }
        return done;
    }

    /** Changes waiting for the next commit. */
    int waiting() {
        return queue.size();
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
            Change<?> first;
            try {
                first = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                continue; // nobody should interrupt this thread; keep the store consistent regardless
            }
            if (first == null) {
                housekeeping();
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            for (Change<?> change : batch) {
                if (change == STOP) {
                    stop = true;
                } else {
                    change.apply(completions);
                }
            }
            commit(batch, completions);
            batch.clear();
            completions.clear();
        }
    }

    private void commit(List<Change<?>> batch, List<Runnable> completions) {
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
            batch.forEach(change -> change.done().completeExceptionally(failure));
            return;
        }
        listener.committed(batch.size(), System.nanoTime() - start); // before anyone learns the commit is done
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
