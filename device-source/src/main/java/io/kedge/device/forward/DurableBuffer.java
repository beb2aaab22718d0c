package io.kedge.device.forward;

import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.jboss.logging.Logger;

/**
 * Events waiting for delivery, oldest first, in one H2 MVStore file (the store the local broker
 * uses for its log): an appended event's future completes only after the commit that holds it
 * was forced to the device, so whatever a producer was told is kept survives {@code kill -9} and
 * power loss.
 *
 * <p>One writer thread applies appends and removals; appends that queue up while a commit runs
 * share the next commit and its fsync (group commit). Removals after delivery are committed
 * without an fsync of their own: losing one in a crash only sends that event again, under the same
 * CloudEvent id, which every Kedge consumer treats as the same event.
 *
 * <p>Several events may be out for delivery at once: {@link #next(int)} hands out the oldest ones
 * not handed out yet, and each leaves on its own, in any order, through {@link #remove} (delivered
 * or refused) or comes back through {@link #release} (to be sent again). What was removed out of
 * order is never handed out again, in this process or after a restart; what was not is handed out
 * again oldest first.
 *
 * <p>Bounded by a number of events and by their bytes; an append that would pass either bound
 * first drops the oldest undelivered events (never one being sent) and counts them. The
 * count of dropped events is stored with the events, so it survives restarts too.
 *
 * <p>The writer thread is never interrupted: an interrupt closes the NIO file channel under
 * MVStore. Readers ({@link #next(int)}) must not be interrupted either, for the same reason.
 */
public final class DurableBuffer implements AutoCloseable {

    /** The buffer's file inside its directory. */
    public static final String FILE = "forward.mv.db";

    private static final Logger LOG = Logger.getLogger(DurableBuffer.class);
    private static final String DROPPED = "dropped";
    private static final int MAX_BATCH = 512;
    /** Dead chunks are kept 45 s by default for lazy file systems; every commit here is synced before the next. */
    private static final int RETENTION_MILLIS = 1000;
    private static final int PAGE_SPLIT_SIZE = 4096;
    private static final int CACHE_MB = 2;
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int TARGET_FILL_RATE = 60;
    private static final int COMPACT_WRITE_BYTES = 1 << 20;

    /**
     * @param maxEvents most events kept; at least 1
     * @param maxBytes  most bytes of encoded events kept; at least 1 KiB
     * @param fsync     force each commit that holds appends to the device before it completes;
     *                  off keeps {@code kill -9} safety but not power-loss safety
     */
    public record Limits(long maxEvents, long maxBytes, boolean fsync) {

        public Limits {
            if (maxEvents < 1) {
                throw new IllegalArgumentException("buffer capacity must be at least 1 event, got " + maxEvents);
            }
            if (maxBytes < 1024) {
                throw new IllegalArgumentException("buffer size must be at least 1 KiB, got " + maxBytes + " bytes");
            }
        }
    }

    /**
     * @param sequence the event's place in the buffer
     * @param evicted  older events dropped to make room for it
     */
    public record Appended(long sequence, int evicted) {
    }

    private sealed interface Op permits Append, Remove, Stop {
    }

    private record Append(byte[] data, CompletableFuture<Appended> done) implements Op {
    }

    private record Remove(long sequence) implements Op {
    }

    private record Stop() implements Op {
    }

    private final Path file;
    private final Limits limits;
    private final MVStore store;
    private final MVMap<Long, byte[]> events;
    private final MVMap<String, Long> counters;
    private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Object pinLock = new Object();
    private final AtomicLong size = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Events handed out and not yet removed or released; eviction skips them. Guarded by pinLock. */
    private final Set<Long> pinned = new HashSet<>();
    /** Events delivered or refused above {@link #consumedThrough}; their removal may still be queued. Guarded by pinLock. */
    private final NavigableSet<Long> consumedAhead = new TreeSet<>();
    /** Every event up to here is committed (and synced). */
    private volatile long durableThrough;
    /** Every event up to here was delivered, refused or dropped; its removal may still be queued. Guarded by pinLock. */
    private long consumedThrough;
    /**
     * Every event up to here is pinned or consumed, so {@link #next} looks only above it; lowered
     * by {@link #release}. Guarded by pinLock.
     */
    private long scannedThrough;
    private volatile RuntimeException failure;
    private volatile boolean closing;
    /** Writer thread only. */
    private long lastSequence;
    private long lastHousekeeping = System.nanoTime();

    private DurableBuffer(Path file, MVStore store, Limits limits) {
        this.file = file;
        this.store = store;
        this.limits = limits;
        this.events = store.openMap("events", new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.counters = store.openMap("counters", new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        for (Iterator<byte[]> values = events.values().iterator(); values.hasNext(); ) {
            bytes.addAndGet(values.next().length);
            size.incrementAndGet();
        }
        dropped.set(counters.getOrDefault(DROPPED, 0L));
        Long last = events.lastKey();
        // Sequences order the events present; once the map is empty, starting again from 1 is harmless.
        this.lastSequence = last == null ? 0 : last;
        this.durableThrough = lastSequence;
        this.writer = new Thread(this::run, "kedge-buffer-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Opens (or creates) the buffer in {@code directory}; what a previous process left undelivered
     * is there again, in order.
     *
     * @throws IllegalStateException naming the file when it cannot be opened (locked by another
     *                               process, unreadable, no space)
     */
    public static DurableBuffer open(Path directory, Limits limits) {
        Path file = directory.resolve(FILE).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the buffer directory " + directory.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
        MVStore store;
        try {
            store = new MVStore.Builder()
                    .fileName(file.toString())
                    .autoCommitDisabled() // commits are ours alone, each followed by an fsync
                    .cacheSize(CACHE_MB)
                    .pageSplitSize(PAGE_SPLIT_SIZE)
                    .open();
        } catch (MVStoreException e) {
            String hint = e.getMessage() != null && e.getMessage().contains("locked")
                    ? " (is another process using the same buffer directory?)" : "";
            throw new IllegalStateException("cannot open the buffer " + file + ": " + e.getMessage() + hint, e);
        }
        store.setRetentionTime(RETENTION_MILLIS);
        return new DurableBuffer(file, store, limits);
    }

    /**
     * Appends {@code event} after the events already buffered.
     *
     * @return completes once the event is committed (and synced, when the limits say so); fails
     *         when the event alone exceeds the byte limit, or the store has failed or is closing
     */
    public CompletableFuture<Appended> append(CloudEvent event) {
        CompletableFuture<Appended> done = new CompletableFuture<>();
        byte[] data;
        try {
            data = encode(event);
        } catch (RuntimeException e) {
            done.completeExceptionally(new IllegalArgumentException("cannot encode event " + event.getId()
                    + ": " + e.getMessage(), e));
            return done;
        }
        if (data.length > limits.maxBytes()) {
            done.completeExceptionally(new IllegalArgumentException("event " + event.getId() + " takes " + data.length
                    + " bytes, more than the whole buffer may hold (" + limits.maxBytes() + ")"));
        } else if (failure != null) {
            done.completeExceptionally(failure);
        } else if (closing) {
            done.completeExceptionally(new IllegalStateException("the buffer " + file + " is closing"));
        } else {
            queue.add(new Append(data, done));
        }
        return done;
    }

    /**
     * Hands out up to {@code max} of the oldest committed events that are neither out for delivery
     * already nor consumed, oldest first, and left in place. Each is protected from eviction until
     * it is {@linkplain #remove removed} or {@linkplain #release released}.
     */
    public List<BufferedEvent> next(int max) {
        List<BufferedEvent> out = new ArrayList<>(Math.min(max, 64));
        synchronized (pinLock) {
            long from = Math.max(scannedThrough, consumedThrough);
            Iterator<Long> keys = events.keyIterator(from + 1);
            while (out.size() < max && keys.hasNext()) {
                long key = keys.next();
                if (key > durableThrough) {
                    break;
                }
                if (!pinned.contains(key) && !consumedAhead.contains(key)) {
                    byte[] data = events.get(key);
                    if (data == null) {
                        continue; // gone since the iterator was made; nothing to hand out
                    }
                    try {
                        out.add(new BufferedEvent(key, decode(data), data.length));
                        pinned.add(key);
                    } catch (RuntimeException e) {
                        // Only a damaged file gets here (MVStore checks its chunks); one bad event must not block the rest.
                        LOG.errorf("event=buffer_unreadable sequence=%d file=%s reason=\"%s\"; dropping it", key, file,
                                e.getMessage());
                        dropped.incrementAndGet();
                        consume(key, data.length);
                    }
                }
                // Every key up to here is now pinned or consumed.
                scannedThrough = key;
            }
        }
        return out;
    }

    /**
     * {@code event} left the buffer (delivered, or refused for good): it is never handed out again.
     * Events may leave in any order; removing one twice, or one dropped for room, changes nothing.
     */
    public void remove(BufferedEvent event) {
        long sequence = event.sequence();
        synchronized (pinLock) {
            pinned.remove(sequence);
            if (sequence <= consumedThrough || consumedAhead.contains(sequence) || !events.containsKey(sequence)) {
                return;
            }
            consume(sequence, event.size());
        }
    }

    /** {@code event} stays to be sent again: {@link #next} hands it out again, oldest first. */
    public void release(BufferedEvent event) {
        synchronized (pinLock) {
            if (pinned.remove(event.sequence())) {
                scannedThrough = Math.min(scannedThrough, event.sequence() - 1);
            }
        }
    }

    /** Events handed out by {@link #next} and neither removed nor released. */
    public int inFlight() {
        synchronized (pinLock) {
            return pinned.size();
        }
    }

    /** Guarded by pinLock. */
    private void consume(long sequence, int length) {
        consumedAhead.add(sequence);
        // Advance the watermark over consumed events, and over gaps the writer already removed (dropped or consumed).
        while (!consumedAhead.isEmpty()) {
            long lowest = consumedAhead.first();
            Long present = events.higherKey(consumedThrough);
            if (present != null && present < lowest) {
                break; // an older event is still waiting or out for delivery
            }
            consumedThrough = lowest;
            consumedAhead.pollFirst();
        }
        size.decrementAndGet();
        bytes.addAndGet(-length);
        queue.add(new Remove(sequence));
    }

    /** Events waiting for delivery. */
    public long size() {
        return size.get();
    }

    /** Bytes of the events waiting for delivery. */
    public long bytes() {
        return bytes.get();
    }

    /** Events dropped to make room, since the buffer was created. */
    public long dropped() {
        return dropped.get();
    }

    public Limits limits() {
        return limits;
    }

    public Path file() {
        return file;
    }

    /** Whether the buffer takes appends: open, and no commit has failed. */
    public boolean isHealthy() {
        return failure == null && !store.isClosed();
    }

    /** Commits what is queued and closes the file. */
    @Override
    public void close() {
        closing = true;
        queue.add(new Stop());
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Op left;
        while ((left = queue.poll()) != null) {
            if (left instanceof Append append) {
                append.done().completeExceptionally(new IllegalStateException("the buffer " + file + " closed"));
            }
        }
        if (!store.isClosed()) {
            try {
                store.close();
            } catch (MVStoreException e) {
                LOG.errorf("Closing the buffer %s failed: %s", file, e.getMessage());
            }
        }
    }

    // --- the writer thread -----------------------------------------------------------------------

    private void run() {
        List<Op> batch = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        while (!stop) {
            Op first;
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
            stop = batch.stream().anyMatch(Stop.class::isInstance);
            apply(batch);
            batch.clear();
        }
    }

    private void apply(List<Op> batch) {
        List<Runnable> completions = new ArrayList<>();
        Batch pending = new Batch();
        long droppedBefore = dropped.get();
        try {
            if (failure != null) {
                throw failure;
            }
            for (Op op : batch) {
                if (op instanceof Append append) {
                    long sequence = ++lastSequence;
                    int evicted = makeRoom(append.data().length, pending);
                    events.put(sequence, append.data());
                    pending.events++;
                    pending.bytes += append.data().length;
                    completions.add(() -> append.done().complete(new Appended(sequence, evicted)));
                } else if (op instanceof Remove remove) {
                    events.remove(remove.sequence());
                }
            }
            if (dropped.get() != droppedBefore) {
                counters.put(DROPPED, dropped.get());
            }
            store.commit();
            if (pending.events > 0 && limits.fsync()) {
                store.sync();
            }
        } catch (RuntimeException e) {
            fail(e);
            for (Op op : batch) {
                if (op instanceof Append append) {
                    append.done().completeExceptionally(failure);
                }
            }
            return;
        }
        // Counted only now: what /status calls buffered has reached the disk.
        size.addAndGet(pending.events);
        bytes.addAndGet(pending.bytes);
        if (pending.events > 0) {
            durableThrough = lastSequence;
        }
        completions.forEach(Runnable::run);
        if (System.nanoTime() - lastHousekeeping > HOUSEKEEPING_NANOS * 6) {
            housekeeping(); // under constant load too, now and then
        }
    }

    /** Appends of the batch being applied: in the map, not yet committed, not yet counted. */
    private static final class Batch {
        long events;
        long bytes;
    }

    /** Drops the oldest undelivered events until one of {@code length} bytes fits; returns how many. */
    private int makeRoom(int length, Batch pending) {
        int evicted = 0;
        synchronized (pinLock) {
            Long victim = consumedThrough;
            while (size.get() + pending.events >= limits.maxEvents()
                    || bytes.get() + pending.bytes + length > limits.maxBytes()) {
                // Neither an event being sent nor one already delivered (its removal still queued) is a victim.
                do {
                    victim = events.higherKey(victim);
                } while (victim != null && (pinned.contains(victim) || consumedAhead.contains(victim)));
                if (victim == null) {
                    break; // only events being sent are left; they leave on their own
                }
                byte[] data = events.remove(victim);
                if (victim > durableThrough) {
                    pending.events--;
                    pending.bytes -= data.length;
                } else {
                    size.decrementAndGet();
                    bytes.addAndGet(-data.length);
                }
                dropped.incrementAndGet();
                evicted++;
            }
        }
        return evicted;
    }

    private void housekeeping() {
        lastHousekeeping = System.nanoTime();
        if (failure != null || store.isClosed()) {
            return;
        }
        try {
            if (store.getFillRate() < TARGET_FILL_RATE && store.compact(TARGET_FILL_RATE, COMPACT_WRITE_BYTES)) {
                store.commit();
                store.sync();
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(RuntimeException e) {
        if (failure == null) {
            failure = new IllegalStateException("the buffer " + file + " failed: " + e.getMessage(), e);
            LOG.errorf(e, "event=buffer_failed file=%s reason=\"%s\"", file, e.getMessage());
        }
    }

    // --- encoding ----------------------------------------------------------------------------------

    /** Structured-mode JSON: the CloudEvents format, so the file is readable with any JSON tool. */
    static byte[] encode(CloudEvent event) {
        return CloudEventHttp.structured(event).body();
    }

    static CloudEvent decode(byte[] data) {
        return CloudEventHttp.decode(new HttpMessage(Map.of("content-type", CloudEventHttp.STRUCTURED_JSON), data));
    }
}
