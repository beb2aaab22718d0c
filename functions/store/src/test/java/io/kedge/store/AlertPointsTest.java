package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.data.Alert;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Verifies that alert events map to points of measurement {@code alerts} for Grafana annotations. */
class AlertPointsTest {

    private static final Instant STARTED = Instant.parse("2026-11-27T10:15:30.123Z");
    private static final Instant ENDED = Instant.parse("2026-11-27T10:20:00Z");
    private final AlertPoints points = new AlertPoints();

    @Test
    void firedAlertIsAFiringPointAtItsStart() {
        String line = points.toPoint(TestAlerts.fired("pi-livingroom", STARTED), AlertState.FIRING).toLineProtocol();

        assertThat(line).isEqualTo("alerts,device=pi-livingroom,location=livingroom,metric=temperature,rule=temperature-high,"
                + "severity=warning fingerprint=\"temperature-high/pi-livingroom\",state=\"firing\",threshold=30.0,value=31.5 "
                + STARTED.toEpochMilli());
    }

    @Test
    void resolvedAlertIsAResolvedPointAtItsEnd() {
        String line = points.toPoint(TestAlerts.resolved("pi-livingroom", STARTED, ENDED), AlertState.RESOLVED)
                .toLineProtocol();

        assertThat(line).contains("state=\"resolved\"").contains("value=29.0").endsWith(" " + ENDED.toEpochMilli());
    }

    @Test
    void resolvedAlertWithoutEndIsRefused() {
        assertThatThrownBy(() -> points.toPoint(TestAlerts.fired("pi-1", STARTED), AlertState.RESOLVED))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("invalid alert: missing required field 'endsAt'");
    }

    @Test
    void collectsEveryProblemNotJustTheFirst() {
        Alert broken = new Alert(null, "warning", "pi\n1", null, null, Double.NaN, null, "2026-11-27T10:15:30", null, null);

        assertThatThrownBy(() -> points.toPoint(broken, AlertState.FIRING))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).containsExactly(
                        "missing required field 'rule'",
                        "'deviceId' contains a line feed (\"pi\\n1\"), which an InfluxDB tag value cannot store unaltered",
                        "'startsAt' is not an RFC 3339 timestamp with zone offset: \"2026-11-27T10:15:30\"",
                        "'value' is not a finite number: NaN"));
    }

    @Test
    void alertWithoutOptionalMembersStillHasAStateField() {
        Alert bare = new Alert("door-open", "info", "pi-1", null, null, null, null, STARTED.toString(), null, null);

        assertThat(points.toPoint(bare, AlertState.FIRING).toLineProtocol())
                .isEqualTo("alerts,device=pi-1,rule=door-open,severity=info state=\"firing\" " + STARTED.toEpochMilli());
    }
}
