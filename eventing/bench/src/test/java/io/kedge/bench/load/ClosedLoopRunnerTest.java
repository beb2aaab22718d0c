package io.kedge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClosedLoopRunnerTest {

    private final ScheduledExecutorService network = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopNetwork() {
        network.shutdownNow();
    }

    /** Answers on another thread a little later, as a real client does. */
    private CompletionStage<SendResult> later(SendResult result) {
        CompletableFuture<SendResult> answer = new CompletableFuture<>();
        network.schedule(() -> answer.complete(result), 100, TimeUnit.MICROSECONDS);
        return answer;
    }

    /** Verifies that a 503 makes the lane wait and send the same event again, until accepted. */
    @Test
    void honoursBackpressureBySendingTheSameEventAgain() {
        ScriptedSender sender = new ScriptedSender((index, attempt) ->
                later(attempt < 2 ? new SendResult(503, Duration.ZERO) : new SendResult(202, null)));
        SendStats stats = new SendStats();

        try (ClosedLoopRunner runner = new ClosedLoopRunner(sender, 4, Duration.ofSeconds(1))) {
            assertThat(runner.run(300, ScriptedSender.numbered(), stats, Duration.ofSeconds(20))).isTrue();
        }

        assertThat(stats.sentCount()).isEqualTo(300);
        assertThat(stats.acceptedCount()).isEqualTo(300);
        assertThat(stats.backpressureCount()).isEqualTo(600);
        assertThat(sender.sent).hasSize(900);
        for (long i = 0; i < 300; i++) {
            assertThat(sender.attempts(i)).as("attempts of event %d", i).isEqualTo(3);
        }
    }

    @Test
    void errorsAreCountedNotRetried() {
        ScriptedSender sender = new ScriptedSender((index, attempt) -> index % 2 == 0
                ? later(new SendResult(400, null))
                : CompletableFuture.failedFuture(new IllegalStateException("connection refused")));
        SendStats stats = new SendStats();

        try (ClosedLoopRunner runner = new ClosedLoopRunner(sender, 3, Duration.ofSeconds(1))) {
            assertThat(runner.run(100, ScriptedSender.numbered(), stats, Duration.ofSeconds(20))).isTrue();
        }

        assertThat(sender.sent).hasSize(100).doesNotHaveDuplicates();
        assertThat(stats.acceptedCount()).isZero();
        assertThat(stats.otherStatuses()).containsEntry(400, 50L);
        assertThat(stats.transportErrorCount()).isEqualTo(50);
    }

    @Test
    void eventsLeftWhenTimeRunsOutCountAsUnsent() {
        ScriptedSender sender = new ScriptedSender((index, attempt) -> new CompletableFuture<>());
        SendStats stats = new SendStats();

        try (ClosedLoopRunner runner = new ClosedLoopRunner(sender, 2, Duration.ofSeconds(1))) {
            assertThat(runner.run(10, ScriptedSender.numbered(), stats, Duration.ofMillis(20))).isFalse();
        }

        assertThat(sender.sent).hasSize(2);
        assertThat(stats.unsentCount()).isEqualTo(8);
    }

    /** Verifies that a timed run stops starting events at its end, and that what it started is answered and counted. */
    @Test
    void aTimedRunStopsStartingEventsAndWaitsForTheirAnswers() {
        ScriptedSender sender = new ScriptedSender((index, attempt) ->
                later(new SendResult(200, null, index % 2 == 0 ? "io.kedge.even" : "io.kedge.odd")));
        SendStats stats = new SendStats();

        long started;
        try (ClosedLoopRunner runner = new ClosedLoopRunner(sender, 4, Duration.ofSeconds(1))) {
            started = runner.runFor(Duration.ofMillis(100), ScriptedSender.numbered(), stats, Duration.ofSeconds(20));
        }

        assertThat(started).isPositive().isEqualTo(stats.sentCount()).isEqualTo(sender.sent.size());
        assertThat(stats.acceptedCount()).isEqualTo(started);
        assertThat(stats.replyTypes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(started);
        assertThat(stats.replyTypes()).containsKeys("io.kedge.even", "io.kedge.odd");
        assertThat(sender.sent.size()).isEqualTo(started); // nothing sent after the run returned
    }
}
