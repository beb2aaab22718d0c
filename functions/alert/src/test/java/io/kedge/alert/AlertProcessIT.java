package io.kedge.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.data.Alert;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.RecordingBroker;
import io.kedge.testkit.Repo;
import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verifies, with the packaged function as its own process, that an incident survives SIGKILL:
 * the process that fired is killed, a new one on the same InfluxDB carries on, and the incident
 * is resolved once with no second fired. Also that a rule's environment override takes effect.
 */
class AlertProcessIT {

    private InfluxServer influx;
    private RecordingBroker broker;
    private AppProcess alert;

    @BeforeEach
    void start() {
        influx = InfluxServer.start();
        broker = RecordingBroker.start();
        alert = AppProcess.start("alert", Repo.path("functions/alert/target/quarkus-app/quarkus-run.jar"), Map.of(
                "KEDGE_ALERT_INFLUX_URL", influx.url(),
                "K_SINK", broker.url(),
                // the shipped rule waits 2 minutes; this fires at once, through the documented override
                "KEDGE_ALERT_RULE_TEMPERATURE_HIGH_FOR", "0s"));
    }

    @AfterEach
    void stop() {
        if (alert != null) {
            alert.close();
        }
        broker.close();
        influx.close();
    }

    @Test
    void anIncidentFiredBeforeSigkillIsResolvedOnceAfterTheRestart() {
        assertThat(alert.post(Events.validated(Events.reading("pi-kill", "livingroom", 0, 29.0, 45.0))).statusCode()).isEqualTo(204);
        HttpResponse<byte[]> fired = alert.post(Events.validated(Events.reading("pi-kill", "livingroom", 1, 31.0, 45.0)));
        assertThat(fired.statusCode()).as(alert.logTail()).isEqualTo(200);
        Alert firedAlert = EventData.read(fired.body(), Alert.class);

        // WHEN the process dies without any chance to clean up, and a new one starts
        alert.kill();
        alert.restart();

        // THEN the incident goes on: no second fired, then exactly one resolved
        HttpResponse<byte[]> stillHot = alert.post(Events.validated(Events.reading("pi-kill", "livingroom", 2, 32.0, 45.0)));
        HttpResponse<byte[]> cooled = alert.post(Events.validated(Events.reading("pi-kill", "livingroom", 3, 27.5, 45.0)));
        HttpResponse<byte[]> cool = alert.post(Events.validated(Events.reading("pi-kill", "livingroom", 4, 27.0, 45.0)));

        assertThat(stillHot.statusCode()).isEqualTo(204);
        assertThat(cooled.statusCode()).isEqualTo(200);
        CloudEvent resolved = CloudEventHttp.decode(AppProcess.message(cooled));
        assertThat(resolved.getType()).isEqualTo(EventTypes.ALERT_RESOLVED);
        Alert resolvedAlert = EventData.read(resolved, Alert.class);
        assertThat(resolvedAlert.fingerprint()).isEqualTo(firedAlert.fingerprint());
        assertThat(resolvedAlert.startsAt()).isEqualTo(firedAlert.startsAt());
        assertThat(cool.statusCode()).isEqualTo(204);
        assertThat(broker.requests()).as("nothing else was announced").isEmpty();
    }

    @Test
    void aDeviceSilentAcrossARestartIsReportedByTheNextTickOnce() {
        alert.post(Events.validated(Events.reading("pi-quiet", "attic", 0, 21.0, 45.0)));

        alert.kill();
        alert.restart();
        HttpResponse<byte[]> tick = alert.post(Events.tick("tick-1", Events.BASE.plus(6, ChronoUnit.MINUTES)));
        alert.stop();
        alert.restart();
        HttpResponse<byte[]> nextTick = alert.post(Events.tick("tick-2", Events.BASE.plus(7, ChronoUnit.MINUTES)));

        assertThat(tick.statusCode()).as(alert.logTail()).isEqualTo(200);
        Alert silent = EventData.read(tick.body(), Alert.class);
        assertThat(silent.rule()).isEqualTo("device-silent");
        assertThat(silent.startsAt()).isEqualTo(Events.BASE.plus(5, ChronoUnit.MINUTES).toString());
        assertThat(nextTick.statusCode()).isEqualTo(204);
    }
}
