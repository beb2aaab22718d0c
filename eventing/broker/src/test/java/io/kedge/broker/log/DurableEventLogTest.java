package io.kedge.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.broker.TestManifests;
import io.kedge.broker.route.BrokerKey;
import io.kedge.broker.route.Topology;
import io.kedge.broker.route.TriggerRoute;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.fixtures.Readings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies what the event log stores, for which Triggers, and when it refuses (backpressure). */
class DurableEventLogTest {

    private static final BrokerKey DEFAULT = new BrokerKey("test", "default");
    private static final BrokerKey QUIET = new BrokerKey("test", "quiet");

    private final Topology topology = TestManifests.load(Path.of("src/test/resources/broker-it"), TestManifests.SERVICES,
            Map.of("KEDGE_SERVICE_RECORDER", "http://127.0.0.1:9"));
    private final List<String> heard = new ArrayList<>();
    private final List<String> handedOff = new ArrayList<>();
    @TempDir
    Path data;
    private BrokerStore store;
    private DurableEventLog log;

    @BeforeEach
    void open() {
        store = BrokerStore.open(data, BrokerStore.Options.defaults());
        log = new DurableEventLog(topology, store, 3, 100, new DurableEventLog.Listener() {
            @Override
            public void stored(LogEntry entry, List<TriggerRoute> triggers, EventLog.Origin origin) {
                heard.add("stored " + entry.sequence() + " for " + triggers.stream().map(DurableEventLog::id).toList());
            }

            @Override
            public void refused(BrokerKey broker, EventLogFullException reason) {
                heard.add("refused for " + broker);
            }

            @Override
            public void handOff(LogEntry entry, List<TriggerRoute> triggers) {
                handedOff.add(entry.sequence() + " for " + triggers.stream().map(DurableEventLog::id).toList()
                        + (heard.isEmpty() ? " before" : " after") + " the commit, pending for chain-next: "
                        + store.nextPending("test/chain-next", 0));
            }
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void eventIsPendingForEveryMatchingTriggerAndNoOther() {
        LogEntry entry = append(DEFAULT, event("test.chain.next"), EventLog.Origin.SENDER);

        assertThat(heard).containsExactly("stored " + entry.sequence() + " for [test/audit, test/chain-next]");
        assertThat(store.nextPending("test/chain-next", 0)).isEqualTo(entry.sequence());
        assertThat(store.nextPending("test/audit", 0)).isEqualTo(entry.sequence());
        assertThat(store.nextPending("test/loop", 0)).isNull();
    }

    @Test
    void triggersGetTheEventBeforeItsCommitSoDeliveryOverlapsTheFsync() {
        LogEntry entry = append(DEFAULT, event("test.chain.next"), EventLog.Origin.SENDER);

        assertThat(handedOff).containsExactly(entry.sequence() + " for [test/audit, test/chain-next] before the commit,"
                + " pending for chain-next: " + entry.sequence());
        assertThat(heard).containsExactly("stored " + entry.sequence() + " for [test/audit, test/chain-next]");
    }

    @Test
    void eventNoTriggerWantsIsAcceptedWithoutBeingStored() {
        LogEntry entry = append(QUIET, event("test.anything"), EventLog.Origin.SENDER);

        assertThat(entry.sequence()).isZero();
        assertThat(store.backlog()).isZero();
        assertThat(heard).containsExactly("stored 0 for []");
    }

    @Test
    void sendersAreRefusedOnceTheBacklogIsFullAndRepliesAreNot() {
        for (int i = 0; i < 3; i++) {
            append(DEFAULT, event("test.chain.next"), EventLog.Origin.SENDER);
        }

        CompletionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(CompletionException.class,
                () -> log.append(DEFAULT, event("test.chain.next"), EventLog.Origin.SENDER).toCompletableFuture().join());
        LogEntry reply = append(DEFAULT, event("test.chain.next"), EventLog.Origin.REPLY);

        assertThat(refused).hasCauseInstanceOf(EventLogFullException.class);
        assertThat(refused.getCause()).hasMessageContaining("3 undelivered events");
        assertThat(reply.sequence()).isPositive();
        assertThat(log.backlog()).isEqualTo(4);
        assertThat(heard).contains("refused for test/default");
    }

    @Test
    void storedEventReadsBackWithItsBroker() {
        CloudEvent event = event("test.chain.next");

        LogEntry entry = append(DEFAULT, event, EventLog.Origin.SENDER);

        assertThat(LogEntry.decode(entry.sequence(), store.event(entry.sequence()))).isEqualTo(entry);
    }

    private LogEntry append(BrokerKey broker, CloudEvent event, EventLog.Origin origin) {
        return log.append(broker, event, origin).toCompletableFuture().join();
    }

    private static CloudEvent event(String type) {
        return CloudEventBuilder.from(ReadingEvents.of(Readings.DHT11_LIVINGROOM)).withType(type).build();
    }
}
