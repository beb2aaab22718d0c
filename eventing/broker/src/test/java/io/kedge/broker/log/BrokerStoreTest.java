package io.kedge.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.broker.route.BrokerKey;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.fixtures.Readings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies the store's bookkeeping per Trigger, and what survives a crash: a store abandoned
 * without its final commit (as {@code kill -9} leaves it) and opened again holds every change whose
 * future had completed.
 */
class BrokerStoreTest {

    private static final byte[] EVENT = LogEntry.encode(new BrokerKey("kedge", "default"),
            ReadingEvents.of(Readings.DHT11_LIVINGROOM));
    private static final String STORE = "kedge/store";
    private static final String AUDIT = "kedge/audit";

    @TempDir
    Path data;
    private BrokerStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void eachTriggerFinishesOnItsOwn() throws Exception {
        store = open();
        long first = store.append(EVENT, List.of(STORE, AUDIT), 0).get();
        long second = store.append(EVENT, List.of(STORE, AUDIT), 0).get();

        store.complete(AUDIT, first).get();
        store.complete(AUDIT, second).get();

        assertThat(store.nextPending(AUDIT, 0)).isNull();
        assertThat(store.nextPending(STORE, 0)).isEqualTo(first);
        assertThat(store.nextPending(STORE, first)).isEqualTo(second);
        assertThat(store.backlog()).as("kept while the store Trigger has not got them").isEqualTo(2);
        assertThat(store.backlog(STORE)).isEqualTo(2);
        assertThat(store.backlog(AUDIT)).isZero();
    }

    @Test
    void eventIsDeletedOnceTheLastTriggerIsDone() throws Exception {
        store = open();
        long sequence = store.append(EVENT, List.of(STORE, AUDIT), 0).get();

        store.complete(STORE, sequence).get();
        store.deadLetter(AUDIT, sequence, new byte[] {42}).get();

        assertThat(store.event(sequence)).isNull();
        assertThat(store.backlog()).isZero();
        assertThat(store.deadLetterCount()).isEqualTo(1);
    }

    @Test
    void committedChangesSurviveACrash() throws Exception {
        // GIVEN 50 events for two Triggers; one Trigger received 20 of them, the other dead-lettered one
        store = open();
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sequences.add(store.append(EVENT, List.of(STORE, AUDIT), 0).get());
        }
        for (long sequence : sequences.subList(0, 20)) {
            store.complete(AUDIT, sequence).get();
        }
        long deadId = store.deadLetter(STORE, sequences.get(0), new byte[] {7}).get();

        // WHEN the process dies without closing the store
        store.abandon();
        store = open();

        // THEN each Trigger still has exactly what it had not finished
        assertThat(pending(STORE)).containsExactlyElementsOf(sequences.subList(1, 50));
        assertThat(pending(AUDIT)).containsExactlyElementsOf(sequences.subList(20, 50));
        assertThat(store.backlog()).as("the first event is done for both").isEqualTo(49);
        assertThat(store.deadLetterRecord(deadId)).containsExactly(7);
        assertThat(LogEntry.decode(sequences.get(49), store.event(sequences.get(49))).event())
                .isEqualTo(ReadingEvents.of(Readings.DHT11_LIVINGROOM));
    }

    @Test
    void newEventsAfterARestartComeAfterTheOldOnes() throws Exception {
        store = open();
        long before = store.append(EVENT, List.of(STORE), 0).get();
        store.abandon();
        store = open();

        long after = store.append(EVENT, List.of(STORE), 0).get();

        assertThat(after).isGreaterThan(before);
        assertThat(pending(STORE)).containsExactly(before, after);
    }

    @Test
    void deadLetterIdsAreNeverReused() throws Exception {
        store = open();
        long sequence = store.append(EVENT, List.of(STORE), 0).get();
        long first = store.deadLetter(STORE, sequence, new byte[] {1}).get();
        store.removeDeadLetter(first).get();
        store.close();
        store = open();

        long next = store.addDeadLetter(new byte[] {2}).get();

        assertThat(next).isGreaterThan(first);
    }

    @Test
    void replayLeavesTheQueueOnlyWhenDelivered() throws Exception {
        store = open();
        long deadId = store.addDeadLetter(new byte[] {1}).get();

        long replay = store.append(EVENT, List.of(STORE), deadId).get();
        assertThat(store.replayOf(STORE, replay)).isEqualTo(deadId);
        assertThat(store.deadLetterRecord(deadId)).as("still there while it is re-delivered").isNotNull();

        store.complete(STORE, replay).get();
        assertThat(store.deadLetterRecord(deadId)).isNull();
    }

    @Test
    void replayThatFailsAgainStaysUnderItsId() throws Exception {
        store = open();
        long deadId = store.addDeadLetter(new byte[] {1}).get();
        long replay = store.append(EVENT, List.of(STORE), deadId).get();

        long id = store.deadLetter(STORE, replay, new byte[] {2}).get();

        assertThat(id).isEqualTo(deadId);
        assertThat(store.deadLetterRecord(deadId)).containsExactly(2);
        assertThat(store.deadLetterCount()).isEqualTo(1);
    }

    @Test
    void triggersThatNoLongerExistAreForgottenWithTheirEvents() throws Exception {
        store = open();
        long shared = store.append(EVENT, List.of(STORE, AUDIT), 0).get();
        long auditOnly = store.append(EVENT, List.of(AUDIT), 0).get();

        Map<String, Long> dropped = store.retainTriggers(Set.of(STORE)).get();

        assertThat(dropped).containsExactly(Map.entry(AUDIT, 2L));
        assertThat(store.event(auditOnly)).isNull();
        assertThat(pending(STORE)).containsExactly(shared);
    }

    @Test
    void concurrentWritesShareCommits() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        AtomicInteger changes = new AtomicInteger();
        store = BrokerStore.open(data, new BrokerStore.Options(true, 4, (count, nanos) -> {
            commits.incrementAndGet();
            changes.addAndGet(count);
        }));
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int sender = 0; sender < 16; sender++) {
            done.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 50; i++) {
                    store.append(EVENT, List.of(STORE), 0).join(); // each waits for its own commit, as a request does
                }
            }, senders));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
        senders.shutdown();

        assertThat(changes.get()).isEqualTo(800);
        assertThat(commits.get()).as("commits for 800 concurrent appends").isLessThan(800);
        assertThat(store.backlog(STORE)).isEqualTo(800);
    }

    @Test
    void completionsCauseNoCommitOfTheirOwnAndRideWithTheNextDurableChange() throws Exception {
        // GIVEN a store that counts its commits, and an event two Triggers have received
        List<Integer> commits = new java.util.concurrent.CopyOnWriteArrayList<>();
        store = BrokerStore.open(data, new BrokerStore.Options(true, 4, (count, nanos) -> commits.add(count)));
        long delivered = store.append(EVENT, List.of(STORE), 0).get();
        int before = commits.size();

        // WHEN the Trigger completes it, and a new event arrives
        CompletableFuture<Void> completed = store.complete(STORE, delivered);
        long next = store.append(EVENT, List.of(STORE), 0).get();
        completed.get();

        // THEN the completion was applied at once, and written by the new event's commit, not one of its own
        assertThat(store.nextPending(STORE, 0)).isEqualTo(next);
        assertThat(commits.subList(before, commits.size())).as("changes per commit").containsExactly(2);
        store.abandon();
        store = open();
        assertThat(pending(STORE)).as("after a crash").containsExactly(next);
    }

    @Test
    void aCompletionAloneIsCommittedSoonAfter() throws Exception {
        List<Integer> commits = new java.util.concurrent.CopyOnWriteArrayList<>();
        store = BrokerStore.open(data, new BrokerStore.Options(true, 4, (count, nanos) -> commits.add(count)));
        long sequence = store.append(EVENT, List.of(STORE), 0).get();

        store.complete(STORE, sequence).get();

        io.kedge.testkit.Poll.until("the completion's own commit", java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(10), () -> commits.size() == 2, commits::toString);
        store.abandon();
        store = open();
        assertThat(pending(STORE)).isEmpty();
    }

    @Test
    void uncommittedWritesCountWhatACrashWouldUndo() throws Exception {
        store = BrokerStore.open(data, new BrokerStore.Options(true, 4, java.time.Duration.ofMillis(500), (count, nanos) -> { }));
        long sequence = store.append(EVENT, List.of(STORE), 0).get();
        assertThat(store.uncommittedWrites()).as("once an append is acknowledged").isZero();

        CompletableFuture<Long> lingering = store.append(EVENT, List.of(STORE), 0);
        assertThat(store.uncommittedWrites()).as("while a commit lingers").isEqualTo(1);
        lingering.get();

        store.complete(STORE, sequence).get();
        io.kedge.testkit.Poll.until("the completion's commit", java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(5), () -> store.uncommittedWrites() == 0, () -> "uncommitted " + store.uncommittedWrites());
        store.abandon();
        store = open();
        assertThat(pending(STORE)).as("what was committed when the count reached 0").containsExactly(lingering.get());
    }

    @Test
    void aLingeringCommitCarriesWhatArrivesMeanwhile() throws Exception {
        List<Integer> commits = new java.util.concurrent.CopyOnWriteArrayList<>();
        store = BrokerStore.open(data, new BrokerStore.Options(true, 4, java.time.Duration.ofMillis(200),
                (count, nanos) -> commits.add(count)));

        CompletableFuture<Long> first = store.append(EVENT, List.of(STORE), 0);
        CompletableFuture<Long> second = store.append(EVENT, List.of(STORE), 0);
        CompletableFuture.allOf(first, second).get();

        assertThat(commits).containsExactly(2);
    }

    @Test
    void aSecondBrokerOnTheSameDirectoryIsRefused() {
        store = open();

        assertThatThrownBy(this::open).isInstanceOf(StoreFailedException.class)
                .hasMessageContaining(BrokerStore.FILE).hasMessageContaining("kedge.broker.data");
    }

    @Test
    void theDataDirectoryIsCreated() {
        store = BrokerStore.open(data.resolve("a/b"), BrokerStore.Options.defaults());

        assertThat(Files.isRegularFile(data.resolve("a/b").resolve(BrokerStore.FILE))).isTrue();
    }

    private BrokerStore open() {
        return BrokerStore.open(data, BrokerStore.Options.defaults());
    }

    private List<Long> pending(String trigger) {
        List<Long> sequences = new ArrayList<>();
        for (Long next = store.nextPending(trigger, 0); next != null; next = store.nextPending(trigger, next)) {
            sequences.add(next);
        }
        return sequences;
    }
}
