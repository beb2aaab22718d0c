package io.kedge.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Summary;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.RecordingBroker;
import io.kedge.testkit.Repo;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verifies, with the packaged function as its own process, that a window survives SIGKILL: the
 * process that took the first readings is killed, a new one on the same InfluxDB takes the rest,
 * and the window's summary goes out once with every reading counted. Also that a grace set in the
 * environment takes effect.
 */
class AggregateProcessIT {

    private InfluxServer influx;
    private RecordingBroker broker;
    private AppProcess aggregate;

    @BeforeEach
    void start() {
        influx = InfluxServer.start();
        broker = RecordingBroker.start();
        aggregate = AppProcess.start("aggregate", Repo.path("functions/aggregate/target/quarkus-app/quarkus-run.jar"), Map.of(
                "KEDGE_AGGREGATE_INFLUX_URL", influx.url(),
                "K_SINK", broker.url(),
                // the default grace is 10 s: the ticks below close the window only with this override
                "KEDGE_AGGREGATE_GRACE", "PT5S"));
    }

    @AfterEach
    void stop() {
        if (aggregate != null) {
            aggregate.close();
        }
        broker.close();
        influx.close();
    }

    @Test
    void aWindowOpenAtSigkillIsSummarisedOnceWithEveryReadingAfterTheRestart() {
        Instant window = Events.slot();
        assertThat(aggregate.post(reading(window, 5, 20.0, 40.0)).statusCode()).as(aggregate.logTail()).isEqualTo(204);
        assertThat(aggregate.post(reading(window, 15, 21.0, 41.0)).statusCode()).isEqualTo(204);
        assertThat(aggregate.post(reading(window, 25, 22.0, 42.0)).statusCode()).isEqualTo(204);

        // WHEN the process dies without any chance to clean up, and a new one starts
        aggregate.kill();
        aggregate.restart();

        // THEN it takes the rest of the window (and a reading the broker delivers again counts once) ...
        assertThat(aggregate.post(reading(window, 35, 23.0, 43.0)).statusCode()).as(aggregate.logTail()).isEqualTo(204);
        assertThat(aggregate.post(reading(window, 25, 22.0, 42.0)).statusCode()).isEqualTo(204);
        assertThat(aggregate.post(reading(window, 45, 24.0, 44.0)).statusCode()).isEqualTo(204);
        HttpResponse<byte[]> early = aggregate.post(Events.tick("tick-64", window.plusSeconds(64)));
        HttpResponse<byte[]> closing = aggregate.post(Events.tick("tick-65", window.plusSeconds(65)));
        HttpResponse<byte[]> next = aggregate.post(Events.tick("tick-125", window.plusSeconds(125)));

        // ... and summarises it once, all five readings counted
        assertThat(early.statusCode()).as("end + the configured grace of 5 s not reached").isEqualTo(204);
        assertThat(closing.statusCode()).as(aggregate.logTail()).isEqualTo(200);
        assertThat(next.statusCode()).isEqualTo(204);
        List<CloudEvent> announced = new ArrayList<>(broker.events());
        announced.add(CloudEventHttp.decode(AppProcess.message(closing)));
        assertThat(announced).extracting(CloudEvent::getId).containsExactlyInAnyOrder(
                "pi-restart/temperature/PT1M/" + window, "pi-restart/humidity/PT1M/" + window);
        assertThat(announced).allSatisfy(event -> assertThat(event.getType()).isEqualTo(EventTypes.SUMMARY));
        assertThat(announced).extracting(e -> EventData.read(e, Summary.class)).containsExactlyInAnyOrder(
                new Summary("pi-restart", "kitchen", "temperature", "PT1M", window.toString(), window.plusSeconds(60).toString(),
                        5, 20.0, 24.0, 22.0, 24.0, window.plusSeconds(45).toString()),
                new Summary("pi-restart", "kitchen", "humidity", "PT1M", window.toString(), window.plusSeconds(60).toString(),
                        5, 40.0, 44.0, 42.0, 44.0, window.plusSeconds(45).toString()));
    }

    @Test
    void aTickDeliveredAgainAfterARestartAnnouncesTheSameSummariesAndNothingElse() {
        Instant window = Events.slot();
        aggregate.post(reading(window, 5, 20.0, 40.0));
        HttpResponse<byte[]> closing = aggregate.post(Events.tick("tick-70", window.plusSeconds(70)));
        List<String> first = ids(closing);

        // WHEN the answer was lost to a crash, and the broker delivers the tick again to a new process
        aggregate.kill();
        aggregate.restart();
        HttpResponse<byte[]> again = aggregate.post(Events.tick("tick-70", window.plusSeconds(70)));

        assertThat(closing.statusCode()).as(aggregate.logTail()).isEqualTo(200);
        assertThat(again.statusCode()).as(aggregate.logTail()).isEqualTo(200);
        assertThat(ids(again)).containsExactlyElementsOf(first);
        assertThat(again.body()).isEqualTo(closing.body());
        assertThat(first).containsExactlyInAnyOrder("pi-restart/temperature/PT1M/" + window, "pi-restart/humidity/PT1M/" + window);
    }

    /** The reply's id, then the ids of what reached the sink since the last call. */
    private List<String> ids(HttpResponse<byte[]> answer) {
        List<String> ids = new ArrayList<>();
        ids.add(CloudEventHttp.decode(AppProcess.message(answer)).getId());
        broker.events().forEach(e -> ids.add(e.getId()));
        broker.clear();
        return ids;
    }

    private static HttpMessage reading(Instant window, int second, double celsius, double humidity) {
        return Events.validated(Events.reading("pi-restart", window.plusSeconds(second), celsius, humidity));
    }
}
