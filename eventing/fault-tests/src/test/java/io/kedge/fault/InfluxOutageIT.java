package io.kedge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.testkit.Poll;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that InfluxDB going away for a minute under load loses nothing: the store answers 503,
 * the broker keeps the validated readings and retries within the store Trigger's budget
 * ({@code eventing/k8s/store-trigger.yaml}: 10 retries, exponential from 0.5 s, about 8.5 min in
 * all), and once InfluxDB is back on its data directory every reading is stored once.
 */
@ExtendWith(SharedStack.class)
class InfluxOutageIT {

    private static final String DEVICE = "fault-influx";
    /** The outage; {@code -Dkedge.fault.influx-outage=PT20S} shortens it for a quick run. */
    private static final Duration OUTAGE = Duration.parse(System.getProperty("kedge.fault.influx-outage", "PT60S"));
    private static final int PER_SECOND = 100;

    @Test
    void readingsTakenWhileInfluxDbIsKilledForAMinuteAreAllStoredOnceAfterItsRestart(FaultStack stack) {
        try (ReadingLoad load = ReadingLoad.start(stack.ingress(), DEVICE, PER_SECOND, 4)) {
            // GIVEN readings flowing into InfluxDB
            Poll.until("the first readings of " + DEVICE + " stored", Duration.ofSeconds(60), Duration.ofMillis(250),
                    () -> stack.storedCount(DEVICE) >= 200, stack::logs);
            double retriesBefore = stack.brokerMetric("kedge_broker_retries_total", FaultStack.STORE_TRIGGER);

            // WHEN InfluxDB is killed and stays down for the outage while the load goes on
            Progress.log("InfluxDB: SIGKILL (pid %d) with %d readings taken, %d stored; down for %d s (load %s)",
                    stack.influx.pid(), load.acknowledgedCount(), stack.storedCount(DEVICE), OUTAGE.toSeconds(),
                    Progress.loadAverage());
            stack.influx.kill();
            long down = System.nanoTime();

            // THEN the store answers 503 (retry later), not a 4xx that would dead-letter the reading
            int storeStatus = stack.postToStore(DEVICE + "-probe");
            Progress.log("store answers %d to a reading while InfluxDB is down", storeStatus);
            assertThat(storeStatus).isEqualTo(503);
            StoredReadings.hold(OUTAGE.minusNanos(System.nanoTime() - down), () -> Progress.log(
                    "InfluxDB down %.0f s: %s; broker backlog %s %.0f, retries %.0f", (System.nanoTime() - down) / 1e9,
                    load.counts(), FaultStack.STORE_TRIGGER,
                    stack.brokerMetric("kedge_broker_backlog", FaultStack.STORE_TRIGGER),
                    stack.brokerMetric("kedge_broker_retries_total", FaultStack.STORE_TRIGGER)));

            stack.influx.restart();
            double outage = (System.nanoTime() - down) / 1e9;
            long back = System.nanoTime();
            Progress.log("InfluxDB restarted on its data dir and port (pid %d) after %.1f s down; %s; broker backlog %s %.0f",
                    stack.influx.pid(), outage, load.counts(), FaultStack.STORE_TRIGGER,
                    stack.brokerMetric("kedge_broker_backlog", FaultStack.STORE_TRIGGER));
            long takenAtRestart = load.acknowledgedCount();
            Poll.until("readings taken after the restart", Duration.ofSeconds(60), Duration.ofMillis(100),
                    () -> load.acknowledgedCount() >= takenAtRestart + 300, stack::logs);
            Set<Long> sent = load.stop();
            assertThat(load.failed()).as("readings the broker never took").isZero();

            // AND every reading is stored once
            StoredReadings.await(stack, DEVICE, sent.size(), Duration.ofMinutes(4), stack::logs);
            double drained = (System.nanoTime() - back) / 1e9;
            StoredReadings.assertStoredOnce(stack, DEVICE, sent);
            double retries = stack.brokerMetric("kedge_broker_retries_total", FaultStack.STORE_TRIGGER) - retriesBefore;
            assertThat(retries).as("deliveries to the store retried").isPositive();
            assertThat(stack.deadLetters(FaultStack.STORE_TRIGGER)).as("dead letters of " + FaultStack.STORE_TRIGGER).isZero();
            Progress.log("RESULT influx-outage: outage %.1f s at %d readings/s; sent %d, stored %d once each; %.0f store"
                    + " deliveries retried; all stored %.1f s after InfluxDB was back; load %s",
                    outage, PER_SECOND, sent.size(), stack.storedCount(DEVICE), retries, drained, Progress.loadAverage());
        }
    }
}
