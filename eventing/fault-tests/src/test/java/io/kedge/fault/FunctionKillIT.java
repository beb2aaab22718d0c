package io.kedge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.Poll;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that {@code kill -9} of a function under load loses nothing: the broker retries the
 * deliveries the dead process had taken, and the function started again on its port takes them.
 *
 * <p>The two Triggers have different budgets in {@code eventing/k8s}: {@code store-validated}
 * retries 10 times from 0.5 s (about 8.5 min), {@code validate-readings} has no delivery of its
 * own, so the Broker's 5 retries from 0.2 s apply: 6.2 s from the first failure to the dead
 * letter. A JVM that takes longer than that to come back (a busy machine, a Pi) sends the
 * readings in flight to the broker's dead-letter queue; they are not lost there, and the test
 * replays them as an operator would ({@code ./kedge dlq replay --trigger validate-readings}),
 * saying so in the log.
 */
@ExtendWith(SharedStack.class)
class FunctionKillIT {

    private static final int PER_SECOND = 100;

    @Test
    void readingsInFlightWhenTheStoreIsKilledAreStoredOnceAfterItsRestart(FaultStack stack) {
        killUnderLoad(stack, "fault-store", stack.store, FaultStack.STORE_TRIGGER);
    }

    @Test
    void readingsInFlightWhenValidateIsKilledAreStoredOnceAfterItsRestart(FaultStack stack) {
        killUnderLoad(stack, "fault-validate", stack.validate, FaultStack.VALIDATE_TRIGGER);
    }

    private static void killUnderLoad(FaultStack stack, String device, AppProcess function, String trigger) {
        String name = function.log().getFileName().toString().replace(".log", "");
        long deadLettersBefore = stack.deadLetters(trigger);
        try (ReadingLoad load = ReadingLoad.start(stack.ingress(), device, PER_SECOND, 4)) {
            // GIVEN readings flowing through the function
            Poll.until("the first readings of " + device + " stored", Duration.ofSeconds(60), Duration.ofMillis(250),
                    () -> stack.storedCount(device) >= 300, stack::logs);
            double retriesBefore = stack.brokerMetric("kedge_broker_retries_total", trigger);

            // WHEN it is killed with SIGKILL and started again at once
            long taken = load.acknowledgedCount();
            Progress.log("%s: SIGKILL (pid %d) with %d readings taken, %d stored (load %s)", name, function.pid(), taken,
                    stack.storedCount(device), Progress.loadAverage());
            function.kill();
            long down = System.nanoTime();
            function.restart();
            double restart = (System.nanoTime() - down) / 1e9;
            Progress.log("%s restarted on its port (pid %d) in %.1f s; %s", name, function.pid(), restart, load.counts());
            Poll.until("readings taken after the restart", Duration.ofSeconds(60), Duration.ofMillis(100),
                    () -> load.acknowledgedCount() >= taken + 600, stack::logs);
            Set<Long> sent = load.stop();
            assertThat(load.failed()).as("readings the broker never took").isZero();
            Poll.until("the broker's backlog of " + trigger + " delivered", Duration.ofMinutes(2), Duration.ofMillis(250),
                    () -> stack.brokerMetric("kedge_broker_backlog", trigger) == 0, stack::logs);

            // THEN the readings the broker gave up on, if any, wait in its dead-letter queue, and replay stores them
            long deadLettered = stack.deadLetters(trigger) - deadLettersBefore;
            if (deadLettered > 0) {
                Progress.log("%d readings dead-lettered by %s while %s was down for %.1f s (its retry budget is shorter);"
                        + " replaying them as ./kedge dlq replay --trigger %s does", deadLettered, trigger, name, restart, trigger);
                JsonNode replay = stack.replayDeadLetters(trigger);
                Map<String, Integer> outcomes = new TreeMap<>();
                replay.path("results").forEach(result -> outcomes.merge(result.path("outcome").asText(), 1, Integer::sum));
                Progress.log("replayed %d dead letters: %s", replay.path("results").size(), outcomes);
                assertThat(stack.deadLetters(trigger)).as("dead letters of %s left after the replay", trigger).isZero();
            }

            // AND every reading is stored, once
            StoredReadings.await(stack, device, sent.size(), Duration.ofMinutes(2), stack::logs);
            StoredReadings.assertStoredOnce(stack, device, sent);
            double retries = stack.brokerMetric("kedge_broker_retries_total", trigger) - retriesBefore;
            Progress.log("RESULT %s-kill: %s down %.1f s (kill -9 to ready) at %d readings/s; sent %d, stored %d once each;"
                    + " %.0f deliveries retried, %d dead-lettered and replayed; load %s", name, name, restart, PER_SECOND,
                    sent.size(), stack.storedCount(device), retries, deadLettered, Progress.loadAverage());
        }
    }
}
