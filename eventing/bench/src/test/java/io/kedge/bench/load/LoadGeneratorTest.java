package io.kedge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.contract.codec.HttpMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    /** Verifies that each event carries its scheduled time, not the time it happened to leave. */
    @Test
    void sendsEveryEventOnceStampedWithItsScheduledTime() {
        ScriptedSender sender = new ScriptedSender((index, attempt) -> ScriptedSender.status(202));
        OpenLoopSchedule schedule = OpenLoopSchedule.startingIn(Duration.ZERO, 100_000);
        List<long[]> stamped = new CopyOnWriteArrayList<>();
        EventSource source = (index, sentNanos) -> {
            stamped.add(new long[] {index, sentNanos});
            return new HttpMessage(Map.of("n", Long.toString(index)), null);
        };
        SendStats stats = new SendStats();

        long sent = new LoadGenerator(sender, 16).send(schedule, 10, 510, source, stats, Long.MAX_VALUE);

        assertThat(sent).isEqualTo(500);
        assertThat(sender.sent).hasSize(500).doesNotHaveDuplicates().allMatch(i -> i >= 10 && i < 510);
        assertThat(stamped).allMatch(e -> e[1] == schedule.timeOf(e[0]));
        assertThat(stats.sentCount()).isEqualTo(500);
        assertThat(stats.acceptedCount()).isEqualTo(500);
        assertThat(stats.answerLatency().count()).isEqualTo(500);
    }

    @Test
    void countsAnswersByKind() {
        ScriptedSender sender = new ScriptedSender((index, attempt) -> switch ((int) (index % 5)) {
            case 0 -> CompletableFuture.completedFuture(new SendResult(503, Duration.ofSeconds(2)));
            case 1 -> ScriptedSender.status(500);
            case 2 -> CompletableFuture.failedFuture(new TimeoutException("no answer"));
            default -> ScriptedSender.status(202);
        });
        SendStats stats = new SendStats();
        LoadGenerator generator = new LoadGenerator(sender, 8);

        generator.send(OpenLoopSchedule.startingIn(Duration.ZERO, 100_000), 0, 100, ScriptedSender.numbered(), stats,
                Long.MAX_VALUE);

        assertThat(generator.awaitAnswers(Duration.ofSeconds(5))).isTrue();
        assertThat(stats.acceptedCount()).isEqualTo(40);
        assertThat(stats.backpressureCount()).isEqualTo(20);
        assertThat(stats.maxRetryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(stats.otherStatuses()).containsExactly(Map.entry(500, 20L));
        assertThat(stats.transportErrorCount()).isEqualTo(20);
        assertThat(stats.errorCount()).isEqualTo(40);
        assertThat(stats.answeredCount()).isEqualTo(100);
        assertThat(stats.firstError()).isIn("HTTP 500", "TimeoutException: no answer");
    }

    /** Verifies that a server that never answers cannot make the generator queue without bound. */
    @Test
    void boundsTheRequestsAwaitingAnAnswerAndGivesUpAtTheDeadline() {
        ScriptedSender sender = new ScriptedSender((index, attempt) -> new CompletableFuture<>());
        SendStats stats = new SendStats();
        LoadGenerator generator = new LoadGenerator(sender, 3);

        long sent = generator.send(OpenLoopSchedule.startingIn(Duration.ZERO, 100_000), 0, 50, ScriptedSender.numbered(),
                stats, System.nanoTime() + Duration.ofMillis(50).toNanos());

        assertThat(sent).isEqualTo(3);
        assertThat(sender.sent).hasSize(3);
        assertThat(stats.unsentCount()).isEqualTo(47);
        assertThat(generator.awaitAnswers(Duration.ofMillis(10))).isFalse();
    }
}
