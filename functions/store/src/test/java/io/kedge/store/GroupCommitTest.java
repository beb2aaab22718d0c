package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Verifies the batching itself with a sink in memory (against real servers: InfluxStoreV1Test and
 * InfluxStoreV2Test): who waits for which write, how a refused batch is split, what happens when
 * too much is pending.
 */
class GroupCommitTest {

    private final List<List<String>> writes = Collections.synchronizedList(new ArrayList<>());

    /** Refuses, as a server would, every write that carries a record containing "bad". */
    private final Consumer<List<String>> refusingBad = records -> {
        writes.add(List.copyOf(records));
        if (records.stream().anyMatch(record -> record.contains("bad"))) {
            throw new StoreRejectedException("refused: " + records, null);
        }
    };

    @Test
    void refusedBatchIsSplitUntilOnlyTheRefusedRecordsFail() {
        try (GroupCommit commit = new GroupCommit(refusingBad, new BatchSettings(100, Duration.ofMillis(500), 100, 1))) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(commit.submit(i == 5 || i == 11 ? "bad-" + i : "good-" + i));
            }

            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();

            assertThat(writes.get(0)).as("one batch first").hasSize(16);
            for (int i = 0; i < 16; i++) {
                if (i == 5 || i == 11) {
                    assertThat(futures.get(i)).isCompletedExceptionally();
                    assertThat(futures.get(i).handle((ok, e) -> e.getMessage()).join()).isEqualTo("refused: [bad-" + i + "]");
                } else {
                    assertThat(futures.get(i)).isCompleted().isNotCompletedExceptionally();
                }
            }
            // halves of refused writes only: 16 → 8+8 → 4+4+4+4 → 2+2 under each refused 4 → 1+1 under each refused 2
            assertThat(writes).hasSize(1 + 2 + 4 + 4 + 4);
            assertThat(writes.stream().filter(w -> w.size() == 1)).extracting(w -> w.get(0))
                    .contains("bad-5", "bad-11");
        }
    }

    @Test
    void otherFailureFailsEveryRecordOfTheBatchWithoutSplitting() {
        Consumer<List<String>> down = records -> {
            writes.add(List.copyOf(records));
            throw new StoreUnavailableException("InfluxDB unreachable", null);
        };
        try (GroupCommit commit = new GroupCommit(down, new BatchSettings(100, Duration.ofMillis(300), 100, 1))) {
            CompletableFuture<Void> first = commit.submit("a");
            CompletableFuture<Void> second = commit.submit("b");

            assertThat(first).failsWithin(Duration.ofSeconds(5));
            assertThat(second).failsWithin(Duration.ofSeconds(5));
            assertThat(writes).containsExactly(List.of("a", "b"));
        }
    }

    @Test
    void recordsArrivingDuringAWriteFormTheNextBatch() throws InterruptedException {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        Consumer<List<String>> slow = records -> {
            writes.add(List.copyOf(records));
            if (writes.size() == 1) {
                firstWriteStarted.countDown();
                await(releaseFirstWrite);
            }
        };
        try (GroupCommit commit = new GroupCommit(slow, new BatchSettings(1000, Duration.ZERO, 1000, 1))) {
            CompletableFuture<Void> lone = commit.submit("lone");
            assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                waiting.add(commit.submit("r" + i));
            }

            // none is acknowledged while its write has not even started
            assertThat(lone).isNotDone();
            assertThat(waiting).noneMatch(CompletableFuture::isDone);
            releaseFirstWrite.countDown();

            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).join();
            assertThat(writes).hasSize(2);
            assertThat(writes.get(0)).containsExactly("lone");
            assertThat(writes.get(1)).hasSize(50);
        }
    }

    @Test
    void lonePointWaitsOnlyTheGapNotTheWholeLinger() {
        // GIVEN a linger far longer than the test may take, ended by a gap of 20 ms without points
        BatchSettings settings = new BatchSettings(1000, Duration.ofMinutes(10), Duration.ofMillis(20), 100, 1);
        try (GroupCommit commit = new GroupCommit(refusingBad, settings)) {
            // WHEN one point comes alone, THEN it is written well before the linger is over
            assertThat(commit.submit("lone")).succeedsWithin(Duration.ofSeconds(30));
            assertThat(writes).containsExactly(List.of("lone"));
        }
    }

    @Test
    void secondWriterWaitsWhileTheFirstCollectsSoTheBatchIsNotSplit() {
        // GIVEN two writers and a linger that ends only when the batch is full (11 points)
        BatchSettings settings = new BatchSettings(11, Duration.ofMinutes(10), Duration.ofMinutes(10), 100, 2);
        try (GroupCommit commit = new GroupCommit(refusingBad, settings)) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            // WHEN points arrive one by one while a writer lingers
            for (int i = 0; i < 10; i++) {
                futures.add(commit.submit("good-" + i));
            }
            futures.add(commit.submit("last"));

            // THEN they all went into one write: the idle second writer took none of them
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            assertThat(writes).hasSize(1);
            assertThat(writes.get(0)).hasSize(11);
        }
    }

    @Test
    void negativeLingerGapIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new BatchSettings(10, Duration.ofMillis(2), Duration.ofNanos(-1), 100, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch.linger-gap must not be negative");
    }

    @Test
    void batchesNeverExceedTheMaximumSize() {
        try (GroupCommit commit = new GroupCommit(refusingBad, new BatchSettings(10, Duration.ofMillis(200), 100, 1))) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 35; i++) {
                futures.add(commit.submit("good-" + i));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();

            assertThat(writes).allSatisfy(w -> assertThat(w).hasSizeLessThanOrEqualTo(10));
            assertThat(writes.stream().mapToInt(List::size).sum()).isEqualTo(35);
        }
    }

    @Test
    void recordBeyondTheMaximumPendingIsRefusedAtOnceAsUnavailable() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        Consumer<List<String>> blocked = records -> {
            writing.countDown();
            await(release);
        };
        try (GroupCommit commit = new GroupCommit(blocked, new BatchSettings(1, Duration.ZERO, 2, 1))) {
            commit.submit("in flight");
            assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
            commit.submit("pending 1");
            commit.submit("pending 2");

            CompletableFuture<Void> overflow = commit.submit("one too many");

            assertThat(overflow).isCompletedExceptionally();
            assertThat(overflow.handle((ok, e) -> e).join())
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("kedge.store.batch.max-pending");
            release.countDown();
        }
    }

    @Test
    void closeWritesWhatIsQueuedAndRefusesWhatComesLater() {
        GroupCommit commit = new GroupCommit(refusingBad, new BatchSettings(100, Duration.ofMillis(200), 100, 1));
        CompletableFuture<Void> queued = commit.submit("good-queued");

        commit.close();

        assertThat(queued).isCompleted().isNotCompletedExceptionally();
        assertThat(commit.submit("good-late")).isCompletedExceptionally();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
