package io.kedge.broker.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.jboss.logging.Logger;

/**
 * The broker's durable state in one H2 MVStore file: accepted events, which Trigger still has to
 * receive which event, and the dead-letter queue. Every change goes through {@link GroupCommit}
 * and its future completes once the change is committed and fsync'd; reads go straight to the maps,
 * which MVStore makes safe from any thread.
 *
 * <p>Maps:
 * <ul>
 *   <li>{@code events}: sequence number → stored event ({@link LogEntry#encode}); kept while any
 *       Trigger still has it pending;</li>
 *   <li>{@code pending:<namespace>/<trigger>}: one per Trigger, sequence number → the dead letter
 *       it replays (0 for a first delivery). A delivery that ends removes its entry, so a restart
 *       resends only what a Trigger has not got yet, and each Trigger advances on its own;</li>
 *   <li>{@code dead-letters}: id → dead letter (see {@code io.kedge.broker.dlq});</li>
 *   <li>{@code counters}: the next dead-letter id, so ids are never reused.</li>
 * </ul>
 */
public final class BrokerStore implements AutoCloseable {

    /** The store's file inside the data directory. */
    public static final String FILE = "broker.mv.db";
    private static final Logger LOG = Logger.getLogger(BrokerStore.class);
    private static final String PENDING = "pending:";
    private static final String NEXT_DEAD_LETTER = "next-dead-letter";
    /**
     * MVStore keeps dead chunks 45 s by default, for file systems that write lazily; every commit
     * here is followed by an fsync before the next one starts, so a short retention is safe and
     * keeps the file small under thousands of commits a second.
     */
    private static final int RETENTION_MILLIS = 1000;
    /** Smaller pages than MVStore's default: each commit rewrites the touched leaf pages. */
    private static final int PAGE_SPLIT_SIZE = 4096;

    /**
     * @param fsync        force every commit to the device before its futures complete; off only for measurements
     * @param cacheMb      MVStore's page cache, in MiB
     * @param commitLinger how long a commit waits for more changes after the first one; zero commits at once
     * @param listener     told about each commit
     */
    public record Options(boolean fsync, int cacheMb, Duration commitLinger, CommitListener listener) {

        public Options(boolean fsync, int cacheMb, CommitListener listener) {
            this(fsync, cacheMb, Duration.ZERO, listener);
        }

        public static Options defaults() {
            return new Options(true, 8, CommitListener.NONE);
        }
    }

    /** Told the number of changes and the duration of each commit (fsync included), for metrics. */
    @FunctionalInterface
    public interface CommitListener {

        CommitListener NONE = (changes, nanos) -> {
        };

        void committed(int changes, long nanos);
    }

    private final Path file;
    private final MVStore store;
    private final MVMap<Long, byte[]> events;
    private final MVMap<Long, byte[]> deadLetters;
    private final MVMap<String, Long> counters;
    private final Map<String, MVMap<Long, Long>> pending = new ConcurrentHashMap<>();
    private final AtomicLong lastSequence;
    private final GroupCommit writer;

    private BrokerStore(Path file, MVStore store, Options options) {
        this.file = file;
        this.store = store;
        this.events = store.openMap("events", new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.deadLetters = store.openMap("dead-letters", new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.counters = store.openMap("counters", new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        for (String name : store.getMapNames()) {
            if (name.startsWith(PENDING)) {
                pendingMap(name.substring(PENDING.length()));
            }
        }
        Long last = events.lastKey();
        this.lastSequence = new AtomicLong(last == null ? 0 : last);
        this.writer = new GroupCommit(store, options.fsync(), options.commitLinger().toNanos(), options.listener());
    }

    /**
     * Opens (or creates) the store in {@code directory}. After a crash MVStore falls back to the
     * last complete commit, which holds everything whose future had completed.
     *
     * @throws StoreFailedException naming the file when it cannot be opened (locked by another broker, unreadable)
     */
    public static BrokerStore open(Path directory, Options options) {
        Path file = directory.resolve(FILE).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreFailedException("cannot create the broker's data directory " + directory.toAbsolutePath()
                    + " (kedge.broker.data): " + e.getMessage(), e);
        }
        MVStore store;
        try {
            store = new MVStore.Builder()
                    .fileName(file.toString())
                    .autoCommitDisabled() // commits are ours alone, each followed by an fsync
                    .cacheSize(options.cacheMb())
                    .pageSplitSize(PAGE_SPLIT_SIZE)
                    .open();
        } catch (MVStoreException e) {
            throw new StoreFailedException("cannot open the broker's store " + file + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("locked")
                    ? " (is another broker running with the same kedge.broker.data?)" : ""), e);
        }
        store.setRetentionTime(RETENTION_MILLIS);
        return new BrokerStore(file, store, options);
    }

    public Path file() {
        return file;
    }

    // --- writes -----------------------------------------------------------------------------------

    /**
     * Stores an event for {@code triggers}, each of which will be offered it.
     *
     * @param replayOf the dead letter this event replays, 0 for a new event
     * @return its sequence number, once on disk
     */
    public CompletableFuture<Long> append(byte[] entry, Collection<String> triggers, long replayOf) {
        return append(entry, triggers, replayOf, sequence -> { });
    }

    /**
     * As {@link #append(byte[], Collection, long)}, and tells {@code applied} the sequence number as
     * soon as the event is in the store's maps, on the writer thread, before its commit and fsync.
     * Delivery may start then, while the disk works: a crash before the commit loses an event the
     * sender was never acknowledged (it sends again), and a subscriber may have seen it already,
     * which at-least-once allows.
     */
    public CompletableFuture<Long> append(byte[] entry, Collection<String> triggers, long replayOf, LongConsumer applied) {
        List<String> targets = List.copyOf(triggers);
        return writer.submit(() -> {
            long sequence = lastSequence.incrementAndGet();
            events.put(sequence, entry);
            for (String trigger : targets) {
                pendingMap(trigger).put(sequence, replayOf);
            }
            try {
                applied.accept(sequence);
            } catch (RuntimeException e) {
                // The event is stored either way; the Trigger queues find it in the store.
                LOG.warnf(e, "event=hand-off-failed sequence=%d", sequence);
            }
            return sequence;
        });
    }

    /**
     * {@code trigger} is done with {@code sequence}: delivered, or handed to a dead-letter sink.
     * A replayed dead letter leaves the dead-letter queue with it.
     *
     * <p>Deferred: the future completes once the change is applied, and the change reaches the disk
     * with the next commit, within {@code GroupCommit.DEFERRED_COMMIT_NANOS} (50 ms). A crash before
     * that leaves the entry pending, so the event is delivered again: at least once, as promised, for
     * half the fsyncs of committing each completion.
     */
    public CompletableFuture<Void> complete(String trigger, long sequence) {
        return writer.submitDeferred(() -> {
            Long replayOf = pendingMap(trigger).remove(sequence);
            if (replayOf != null && replayOf != 0) {
                deadLetters.remove(replayOf);
            }
            release(sequence);
            return null;
        });
    }

    /**
     * {@code trigger} gave up on {@code sequence}: the event moves to the dead-letter queue, as
     * {@code letter} under a new id, or under the id it was replayed from.
     *
     * @return the dead letter's id
     */
    public CompletableFuture<Long> deadLetter(String trigger, long sequence, byte[] letter) {
        return writer.submit(() -> {
            Long replayOf = pendingMap(trigger).remove(sequence);
            long id = replayOf != null && replayOf != 0 ? replayOf : nextDeadLetterId();
            deadLetters.put(id, letter);
            release(sequence);
            return id;
        });
    }

    /** Stores a dead letter directly, under a new id. */
    public CompletableFuture<Long> addDeadLetter(byte[] letter) {
        return writer.submit(() -> {
            long id = nextDeadLetterId();
            deadLetters.put(id, letter);
            return id;
        });
    }

    /** @return whether there was such a dead letter */
    public CompletableFuture<Boolean> removeDeadLetter(long id) {
        return writer.submit(() -> deadLetters.remove(id) != null);
    }

    /**
     * Keeps the pending entries of {@code triggers} only: entries of Triggers that no longer exist
     * are dropped, and events no Trigger waits for any more are deleted.
     *
     * @return per dropped Trigger, how many events it had not received
     */
    public CompletableFuture<Map<String, Long>> retainTriggers(Set<String> triggers) {
        return writer.submit(() -> {
            Map<String, Long> dropped = new LinkedHashMap<>();
            for (String trigger : List.copyOf(pending.keySet())) {
                if (!triggers.contains(trigger)) {
                    MVMap<Long, Long> map = pending.remove(trigger);
                    dropped.put(trigger, map.sizeAsLong());
                    store.removeMap(map);
                }
            }
            triggers.forEach(this::pendingMap);
            List<Long> orphans = new ArrayList<>();
            for (Iterator<Long> keys = events.keyIterator(null); keys.hasNext(); ) {
                long sequence = keys.next();
                if (!isPending(sequence)) {
                    orphans.add(sequence);
                }
            }
            orphans.forEach(events::remove);
            return dropped;
        });
    }

    private long nextDeadLetterId() {
        long id = counters.getOrDefault(NEXT_DEAD_LETTER, 1L);
        counters.put(NEXT_DEAD_LETTER, id + 1);
        return id;
    }

    private void release(long sequence) {
        if (!isPending(sequence)) {
            events.remove(sequence);
        }
    }

    private boolean isPending(long sequence) {
        for (MVMap<Long, Long> map : pending.values()) {
            if (map.containsKey(sequence)) {
                return true;
            }
        }
        return false;
    }

    private MVMap<Long, Long> pendingMap(String trigger) {
        return pending.computeIfAbsent(trigger, t -> store.openMap(PENDING + t, new MVMap.Builder<Long, Long>()
                .keyType(LongDataType.INSTANCE).valueType(LongDataType.INSTANCE)));
    }

    // --- reads ------------------------------------------------------------------------------------

    /** The lowest sequence number above {@code after} that {@code trigger} has not finished, or null. */
    public Long nextPending(String trigger, long after) {
        MVMap<Long, Long> map = pending.get(trigger);
        return map == null ? null : map.higherKey(after);
    }

    /** The dead letter that {@code trigger}'s pending {@code sequence} replays; 0 for none. */
    public long replayOf(String trigger, long sequence) {
        MVMap<Long, Long> map = pending.get(trigger);
        Long value = map == null ? null : map.get(sequence);
        return value == null ? 0 : value;
    }

    /** The stored event, null when no Trigger waits for it any more. */
    public byte[] event(long sequence) {
        return events.get(sequence);
    }

    /** Events not yet received by every Trigger they matched. */
    public long backlog() {
        return events.sizeAsLong();
    }

    /** Events {@code trigger} has not finished yet. */
    public long backlog(String trigger) {
        MVMap<Long, Long> map = pending.get(trigger);
        return map == null ? 0 : map.sizeAsLong();
    }

    public byte[] deadLetterRecord(long id) {
        return deadLetters.get(id);
    }

    /** Dead letters in id order, read lazily. */
    public Iterator<Map.Entry<Long, byte[]>> deadLetterRecords() {
        return deadLetters.entrySet().iterator();
    }

    public long deadLetterCount() {
        return deadLetters.sizeAsLong();
    }

    /**
     * Changes a crash would undo now. Delivery completions are committed up to 50 ms after they
     * happen, so a kill in that window repeats those deliveries (at least once, as promised).
     */
    public int uncommittedWrites() {
        return writer.uncommitted();
    }

    /** Whether the store takes writes: open, and no commit has failed. */
    public boolean isHealthy() {
        return !store.isClosed() && writer.failure() == null;
    }

    /** Commits what is queued and closes the file. */
    @Override
    public void close() {
        writer.close();
        if (!store.isClosed()) {
            try {
                store.close();
            } catch (MVStoreException e) {
                throw new UncheckedIOException(new IOException("closing " + file + " failed: " + e.getMessage(), e));
            }
        }
    }

    /**
     * Stops without the final commit and closes the file as a crash leaves it: for tests that prove
     * what survives a {@code kill -9}. Changes whose futures completed are on disk; others may not be.
     */
    void abandon() {
        store.closeImmediately();
        writer.close();
    }
}
