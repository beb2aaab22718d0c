package io.kedge.functions.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedWriteTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void aLoneCallerWritesItsLinesAtOnce() {
        List<String> writes = new CopyOnWriteArrayList<>();
        SharedWrite shared = new SharedWrite(writes::add);

        shared.write("state,device=a seen=1i 0");
        shared.write("state,device=b seen=2i 0\n");

        assertThat(writes).containsExactly("state,device=a seen=1i 0\n", "state,device=b seen=2i 0\n");
    }

    @Test
    void callersArrivingDuringAWriteShareTheNextAndReturnOnlyOnceItIsDone() throws Exception {
        // GIVEN a write that does not end until released
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> writes = new CopyOnWriteArrayList<>();
        SharedWrite shared = new SharedWrite(lines -> {
            writes.add(lines);
            if (writes.size() == 1) {
                firstStarted.countDown();
                await(release);
            }
        });
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> shared.write("a"), callers);
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();

        // WHEN five more callers come while it runs
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (String lines : List.of("b", "c", "d", "e", "f")) {
            waiting.add(CompletableFuture.runAsync(() -> shared.write(lines), callers));
        }
        io.kedge.testkit.Poll.until("five callers queued", java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(5), () -> shared.waiting() == 5, () -> shared.waiting() + " waiting");

        // THEN none returns before its lines are written, and all five share one write
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        assertThat(first).isNotDone();
        release.countDown();
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        first.get(5, TimeUnit.SECONDS);
        assertThat(writes).hasSize(2);
        assertThat(writes.get(0)).isEqualTo("a\n");
        assertThat(writes.get(1).lines().sorted().toList()).containsExactly("b", "c", "d", "e", "f");
    }

    @Test
    void aFailedWriteFailsEveryCallerItCarriedAndTheNextWriteIsTriedAfresh() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean fail = new AtomicBoolean(true);
        List<String> stored = new CopyOnWriteArrayList<>();
        SharedWrite shared = new SharedWrite(lines -> {
            if (lines.startsWith("first")) {
                firstStarted.countDown();
                await(release);
                return;
            }
            if (fail.getAndSet(false)) {
                throw new IllegalStateException("InfluxDB is down");
            }
            stored.add(lines);
        });
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> shared.write("first"), callers);
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> shared.write("b"), callers);
        CompletableFuture<Void> c = CompletableFuture.runAsync(() -> shared.write("c"), callers);
        io.kedge.testkit.Poll.until("two callers queued", java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(5), () -> shared.waiting() == 2,
                () -> shared.waiting() + " waiting");

        release.countDown();
        first.get(5, TimeUnit.SECONDS);

        for (CompletableFuture<Void> carried : List.of(b, c)) {
            assertThatThrownBy(() -> carried.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("InfluxDB is down");
        }
        shared.write("d");
        assertThat(stored).containsExactly("d\n");
    }

    @Test
    void manyConcurrentCallersNeedFewerWritesThanCallsAndLoseNoLines() throws Exception {
        List<String> writes = new CopyOnWriteArrayList<>();
        SharedWrite shared = new SharedWrite(lines -> {
            writes.add(lines);
            try {
                Thread.sleep(1); // a request to InfluxDB takes time; callers gather meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String line = "line" + i;
            calls.add(CompletableFuture.runAsync(() -> shared.write(line), callers));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        List<String> written = writes.stream().flatMap(String::lines).sorted().toList();
        assertThat(written).hasSize(400).doesNotHaveDuplicates();
        assertThat(writes.size()).as("writes for 400 calls from 8 threads").isLessThan(400);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
