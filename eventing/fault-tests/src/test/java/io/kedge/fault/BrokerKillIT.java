package io.kedge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.testkit.Poll;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that {@code kill -9} of the broker under load loses nothing and stores nothing twice:
 * every reading it answered 202 is on disk, and after a restart on the same data directory the
 * deliveries it had not finished are made again (at least once); InfluxDB keeps one point per
 * device, location and sample time, so a repeated delivery overwrites itself.
 */
@ExtendWith(SharedStack.class)
class BrokerKillIT {

    private static final String DEVICE = "fault-broker";
    private static final int PER_SECOND = 100;

    @Test
    void readingsTheBrokerTookBeforeAKill9AreStoredOnceAfterItsRestart(FaultStack stack) {
        try (ReadingLoad load = ReadingLoad.start(stack.ingress(), DEVICE, PER_SECOND, 4)) {
            // GIVEN readings flowing through the broker into InfluxDB
            Poll.until("the first readings of " + DEVICE + " stored", Duration.ofSeconds(60), Duration.ofMillis(250),
                    () -> stack.storedCount(DEVICE) >= 300, stack::logs);

            // WHEN the broker is killed with SIGKILL in the middle of it, and started again at once
            long taken = load.acknowledgedCount();
            Progress.log("broker: SIGKILL (pid %d) with %d readings taken, %d stored, backlog %s %.0f (load %s)",
                    stack.broker.pid(), taken, stack.storedCount(DEVICE), FaultStack.STORE_TRIGGER,
                    stack.brokerMetric("kedge_broker_backlog", FaultStack.STORE_TRIGGER), Progress.loadAverage());
            stack.broker.kill();
            long down = System.nanoTime();
            stack.broker.restart();
            double restart = (System.nanoTime() - down) / 1e9;
            Progress.log("broker restarted on its data dir and port (pid %d) in %.1f s; %s", stack.broker.pid(), restart,
                    load.counts());
            Poll.until("readings taken after the restart", Duration.ofSeconds(60), Duration.ofMillis(100),
                    () -> load.acknowledgedCount() >= taken + 600, stack::logs);
            Set<Long> sent = load.stop();
            assertThat(load.failed()).as("readings the broker never took").isZero();

            // THEN every reading is stored, once
            long stopped = System.nanoTime();
            StoredReadings.await(stack, DEVICE, sent.size(), Duration.ofMinutes(2), stack::logs);
            double drained = (System.nanoTime() - stopped) / 1e9;
            StoredReadings.assertStoredOnce(stack, DEVICE, sent);
            assertThat(stack.deadLetters(FaultStack.VALIDATE_TRIGGER)).isZero();
            assertThat(stack.deadLetters(FaultStack.STORE_TRIGGER)).isZero();
            Progress.log("RESULT broker-kill: broker down %.1f s (kill -9 to ready) at %d readings/s; sent %d, stored %d once each;"
                    + " all stored %.1f s after the load stopped; resumed: %s; load %s", restart, PER_SECOND, sent.size(),
                    stack.storedCount(DEVICE), drained, resumed(stack), Progress.loadAverage());
        }
    }

    /** The broker's own account of the backlog it found at start. */
    private static String resumed(FaultStack stack) {
        return stack.broker.logText().lines()
                .filter(line -> line.contains("event=resuming"))
                .reduce((first, last) -> last)
                .map(line -> line.substring(line.indexOf("event=resuming")))
                .orElse("no backlog reported at start");
    }
}
