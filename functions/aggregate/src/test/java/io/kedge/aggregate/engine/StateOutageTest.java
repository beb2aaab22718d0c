package io.kedge.aggregate.engine;

import static io.kedge.aggregate.engine.AggregateEngineTest.take;
import static io.kedge.aggregate.engine.Fixtures.describe;
import static io.kedge.aggregate.engine.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.functions.support.StateUnavailableException;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that InfluxDB going away mid-window costs nothing: the events it refuses are answered
 * with a retryable failure and change nothing, and once it is back the same events are taken as if
 * the outage had not happened. Its own server, since it stops it.
 */
@ExtendWith(RealServers.class)
class StateOutageTest {

    @Test
    void eventsRefusedDuringAnOutageAreTakenWhenRetriedAfterIt(InfluxServer influx) {
        String database = Fixtures.freshDatabase();
        AggregateEngine engine = engine(influx, database);
        take(engine, "pi-1 0:10 21.0/45");

        // WHEN InfluxDB stops mid-window
        influx.stop();
        assertThatThrownBy(() -> take(engine, "pi-1 0:20 23.0/47")).isInstanceOf(StateUnavailableException.class)
                .extracting(e -> ((StateUnavailableException) e).status()).isEqualTo(503);
        assertThatThrownBy(() -> take(engine, "tick 1:10")).isInstanceOf(StateUnavailableException.class);
        assertThatThrownBy(() -> engine(influx, database).load()).as("a new instance cannot start either")
                .isInstanceOf(StateUnavailableException.class);

        // THEN the broker's retries, once it is back, count the reading once and close the window once
        influx.restart();
        assertThat(describe(take(engine, "pi-1 0:20 23.0/47"))).isEmpty();
        assertThat(describe(take(engine, "tick 1:10"))).containsExactly(
                "pi-1 temperature 0:00 n=2 min=21.0 max=23.0 mean=22.0 last=23.0@0:20",
                "pi-1 humidity 0:00 n=2 min=45.0 max=47.0 mean=46.0 last=47.0@0:20");
        assertThat(describe(take(engine(influx, database), "tick 1:10"))).as("and a new instance agrees").hasSize(2);
    }
}
