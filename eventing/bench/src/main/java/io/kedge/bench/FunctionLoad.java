package io.kedge.bench;

import io.kedge.bench.load.ClosedLoopRunner;
import io.kedge.bench.load.EventSender;
import io.kedge.bench.load.EventSource;
import io.kedge.bench.load.LoadGenerator;
import io.kedge.bench.load.OpenLoopSchedule;
import io.kedge.bench.load.SendStats;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Load straight at one function, no broker in between, judged by the function's answers:
 * open-loop steps at a rate (latency from each event's scheduled time, so queueing counts) and
 * closed-loop runs with a fixed number of requests in flight. Measures the memory and CPU of the
 * watched processes over each measured window.
 */
final class FunctionLoad {

    /** The first event of an open-loop step is due this long after the step is planned. */
    private static final Duration START_IN = Duration.ofMillis(20);

    private final EventSender sender;
    private final LoadGenerator generator;
    private final List<Watched> watched;
    private final Duration drainTimeout;
    private final Duration maxP99;

    /**
     * @param sender         the function's URL behind a bounded connection pool
     * @param maxOutstanding requests awaiting an answer at most during an open-loop step
     * @param watched        the processes whose memory and CPU the results report
     * @param drainTimeout   how long to wait for the answers after a step or run
     * @param maxP99         an open-loop step with a higher p99 is saturated
     */
    FunctionLoad(EventSender sender, int maxOutstanding, List<Watched> watched, Duration drainTimeout, Duration maxP99) {
        this.sender = sender;
        this.generator = new LoadGenerator(sender, maxOutstanding);
        this.watched = List.copyOf(watched);
        this.drainTimeout = drainTimeout;
        this.maxP99 = maxP99;
    }

    /**
     * An open-loop step: {@code leadIn} at {@code rate}, not measured, then {@code measured} at the
     * same rate without a pause, then every answer awaited.
     *
     * @param events the events of this step, asked for once
     */
    LoadResult step(int rate, Duration leadIn, Duration measured, Supplier<EventSource> events) {
        EventSource source = events.get(); // before the schedule starts: building events is no part of the step
        OpenLoopSchedule schedule = OpenLoopSchedule.startingIn(START_IN, rate);
        long lead = schedule.countWithin(leadIn);
        long count = schedule.countWithin(measured);
        long giveUp = schedule.timeOf(lead + count) + drainTimeout.toNanos();
        SendStats leadStats = new SendStats();
        SendStats stats = new SendStats();
        generator.send(schedule, 0, lead, source, leadStats, giveUp);
        Usage.Window window = Usage.open(watched);
        generator.send(schedule, lead, lead + count, source, stats, giveUp);
        generator.awaitAnswers(drainTimeout);
        Usage usage = window.close();

        // Over first to last answer: both ends shift by the latency, so a function that keeps up
        // shows the offered rate; one that falls behind stretches the span and shows less.
        double seconds = Math.max(measured.toNanos() / 1e9, (stats.lastAnswerNanos() - stats.firstAnswerNanos()) / 1e9);
        double perSecond = stats.acceptedCount() / seconds;
        long non2xx = non2xx(stats);
        long errors = errors(stats, false);
        double p99 = stats.answerLatency().percentileMillis(99);
        String saturation = Saturation.ofAnswers(rate, perSecond, non2xx, errors, stats.unsentCount(), p99, maxP99);
        return result(rate, 0, stats, false, leadStats.acceptedCount() + stats.acceptedCount(), perSecond, usage, saturation);
    }

    /**
     * A closed-loop run: {@code lanes} requests in flight, each lane sending its next event as soon
     * as the previous one is answered, new events for {@code duration}; then the last answers.
     */
    LoadResult closedLoop(int lanes, Duration duration, EventSource events) {
        SendStats stats = new SendStats();
        Usage.Window window = Usage.open(watched);
        long start = System.nanoTime();
        try (ClosedLoopRunner runner = new ClosedLoopRunner(sender, lanes, Duration.ofSeconds(1))) {
            runner.runFor(duration, events, stats, drainTimeout);
        }
        Usage usage = window.close();
        double seconds = Math.max(duration.toNanos() / 1e9, (stats.lastAnswerNanos() - start) / 1e9);
        return result(0, lanes, stats, true, stats.acceptedCount(), stats.acceptedCount() / seconds, usage, null);
    }

    private static LoadResult result(int offered, int lanes, SendStats stats, boolean retried, long acceptedInRun,
                                     double perSecond, Usage usage, String saturation) {
        return new LoadResult(offered, lanes, stats.sentCount(), stats.acceptedCount(), acceptedInRun, non2xx(stats),
                errors(stats, retried), stats.unsentCount(), perSecond, stats.answerLatency().percentileMillis(50),
                stats.answerLatency().percentileMillis(99), stats.answerLatency().maxMillis(), usage,
                stats.replyTypes(), stats.firstError(), saturation);
    }

    private static long non2xx(SendStats stats) {
        return stats.backpressureCount() + stats.otherStatuses().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Transport errors, and events sent but never finally answered within the drain timeout. A
     * closed loop sends an event again after a 503 ({@code retried}), so there a 503 is no final answer.
     */
    private static long errors(SendStats stats, boolean retried) {
        long answered = stats.acceptedCount() + stats.errorCount() + (retried ? 0 : stats.backpressureCount());
        return stats.transportErrorCount() + Math.max(0, stats.sentCount() - answered);
    }
}
