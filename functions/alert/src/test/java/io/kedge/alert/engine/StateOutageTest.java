package io.kedge.alert.engine;

import static io.kedge.alert.engine.Fixtures.describe;
import static io.kedge.alert.engine.Fixtures.engine;
import static io.kedge.alert.engine.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.functions.support.StateUnavailableException;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.RealServers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies that an InfluxDB outage changes nothing: the event fails with 503 and nothing is
 * announced, and the retried event, once InfluxDB is back, announces what it would have.
 */
@ExtendWith(RealServers.class)
class StateOutageTest {

    @Test
    void aReadingThatCannotBeStoredAnnouncesNothingAndItsRetryFires(InfluxServer influx) {
        String database = Fixtures.freshDatabase();
        AlertEngine engine = engine(influx, database);
        engine.onReading("r-0", reading("pi-1", "0s", 29));
        engine.onReading("r-1m", reading("pi-1", "1m", 31));

        influx.stop();
        try {
            assertThatThrownBy(() -> engine.onReading("r-3m", reading("pi-1", "3m", 32)))
                    .isInstanceOf(StateUnavailableException.class)
                    .hasMessageContaining("unreachable while writing the alert state")
                    .satisfies(e -> assertThat(((StateUnavailableException) e).status()).isEqualTo(503));
        } finally {
            influx.restart();
        }
        List<Announcement> retried = engine.onReading("r-3m", reading("pi-1", "3m", 32));

        assertThat(describe(retried)).containsExactly("fired temperature-high pi-1 @2026-11-27T10:03:00Z");
        assertThat(engine(influx, database).onReading("r-4m", reading("pi-1", "4m", 32))).as("stored").isEmpty();
    }

    @Test
    void anInstanceStartedWhileInfluxDbIsDownReadsTheStateOnceItIsBack(InfluxServer influx) {
        String database = Fixtures.freshDatabase();
        engine(influx, database).onReading("r-0", reading("pi-2", "0s", 31));
        engine(influx, database).onReading("r-1m", reading("pi-2", "1m", 31));

        influx.stop();
        AlertEngine started;
        try {
            started = engine(influx, database);
            assertThatThrownBy(started::load).isInstanceOf(StateUnavailableException.class);
            assertThat(started.isLoaded()).isFalse();
        } finally {
            influx.restart();
        }

        List<Announcement> fired = started.onReading("r-2m", reading("pi-2", "2m", 31));

        assertThat(started.isLoaded()).isTrue();
        assertThat(describe(fired)).as("pending since 0s survived").containsExactly(
                "fired temperature-high pi-2 @2026-11-27T10:02:00Z");
    }
}
