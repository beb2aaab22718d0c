package io.kedge.aggregate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Summary;
import io.kedge.testkit.InfluxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Verifies the function over HTTP, as a Knative Trigger or the local broker delivers events, with
 * the default window (one minute, ten seconds of grace), a real InfluxDB for the windows and a real
 * HTTP server as {@code K_SINK}. Each test uses devices and a stretch of time of its own
 * ({@link Events#slot()}), since the application (and its windows) is shared.
 */
@QuarkusTest
@QuarkusTestResource(value = InfluxResource.class, initArgs = @ResourceArg(name = "url-property", value = "kedge.aggregate.influx.url"))
@QuarkusTestResource(RecordingBrokerResource.class)
class AggregateFunctionTest {

    @Test
    void aReadingInsideAnOpenWindowIsAnswered204WithoutEvent() {
        Instant slot = Events.slot();

        post(Events.validated(Events.reading("pi-open", slot.plusSeconds(5), 21.0, 45.0)))
                .then()
                .statusCode(204)
                .header("ce-type", (String) null);
    }

    @Test
    void aReadingPastTheGraceIsAnsweredWithTheSummaryOfTheWindowItClosedAndTheOtherMetricGoesToTheSink() {
        Instant slot = Events.slot();
        post(Events.validated(Events.reading("pi-cross", slot.plusSeconds(5), 21.0, 45.0))).then().statusCode(204);
        post(Events.validated(Events.reading("pi-cross", slot.plusSeconds(35), 22.0, 47.0))).then().statusCode(204);
        post(Events.validated(Events.reading("pi-cross", slot.plusSeconds(65), 23.0, 46.0))).then().statusCode(204);

        Response crossed = post(Events.validated(Events.reading("pi-cross", slot.plusSeconds(70), 23.5, 46.0)));

        crossed.then()
                .statusCode(200)
                .header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.SUMMARY)
                .header("ce-source", "/functions/aggregate")
                .header("ce-id", "pi-cross/temperature/PT1M/" + slot)
                .header("ce-subject", "pi-cross")
                .header("ce-time", slot.toString())
                .header("ce-metric", "temperature")
                .header("ce-window", "PT1M");
        // The strict codec is what the broker applies to replies: Funqy's must pass it.
        CloudEvent reply = CloudEventHttp.decode(messageOf(crossed));
        assertThat(EventData.read(reply, Summary.class)).isEqualTo(new Summary("pi-cross", "kitchen", "temperature", "PT1M",
                slot.toString(), slot.plusSeconds(60).toString(), 2, 21.0, 22.0, 21.5, 22.0, slot.plusSeconds(35).toString()));
        assertThat(RecordingBrokerResource.broker().eventsAbout("pi-cross")).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(EventTypes.SUMMARY);
            assertThat(event.getId()).isEqualTo("pi-cross/humidity/PT1M/" + slot);
            assertThat(event.getExtension("metric")).isEqualTo("humidity");
            assertThat(EventData.read(event, Summary.class)).extracting(Summary::count, Summary::mean, Summary::last)
                    .containsExactly(2, 46.0, 47.0);
        });
    }

    @Test
    void aTickClosesTheWindowsOfSilentDevicesOnceEach() {
        Instant slot = Events.slot();
        post(Events.validated(Events.reading("pi-silent-1", slot.plusSeconds(10), 20.0, 50.0))).then().statusCode(204);
        post(Events.validated(Events.reading("pi-silent-2", slot.plusSeconds(20), 19.0, 55.0))).then().statusCode(204);

        Response early = post(Events.tick("tick-" + slot.plusSeconds(69), slot.plusSeconds(69)));
        Response tick = post(Events.tick("tick-" + slot.plusSeconds(70), slot.plusSeconds(70)));
        Response next = post(Events.tick("tick-" + slot.plusSeconds(130), slot.plusSeconds(130)));

        // Other tests' windows may close too; whichever is the reply, the rest is at the sink.
        List<CloudEvent> announced = new ArrayList<>(RecordingBrokerResource.broker().events());
        for (Response answer : List.of(early, tick, next)) {
            assertThat(answer.statusCode()).isIn(200, 204);
            if (answer.statusCode() == 200) {
                announced.add(CloudEventHttp.decode(messageOf(answer)));
            }
        }
        List<String> silent = announced.stream()
                .filter(e -> e.getSubject().startsWith("pi-silent-"))
                .map(e -> e.getId() + " n=" + EventData.read(e, Summary.class).count())
                .toList();
        assertThat(silent).containsExactlyInAnyOrder(
                "pi-silent-1/temperature/PT1M/" + slot + " n=1", "pi-silent-1/humidity/PT1M/" + slot + " n=1",
                "pi-silent-2/temperature/PT1M/" + slot + " n=1", "pi-silent-2/humidity/PT1M/" + slot + " n=1");
    }

    @Test
    void aTickDeliveredAgainIsAnsweredWithTheSameSummary() {
        Instant slot = Events.slot();
        post(Events.validated(Events.reading("pi-again", slot.plusSeconds(10), 20.0, 50.0))).then().statusCode(204);
        HttpMessage tick = Events.tick("tick-again-" + slot, slot.plusSeconds(75));

        Response first = post(tick);
        Response again = post(tick);

        first.then().statusCode(200);
        again.then().statusCode(200)
                .header("ce-id", first.header("ce-id"))
                .body("mean", equalTo(first.path("mean")))
                .body("count", equalTo(first.path("count")));
    }

    @Test
    void aReadingLaterThanTheGraceIsDroppedAndCountedAtQMetrics() {
        Instant slot = Events.slot();
        double before = lateTemperatures();
        post(Events.validated(Events.reading("pi-late", slot.plusSeconds(5), 21.0, 45.0))).then().statusCode(204);
        post(Events.validated(Events.reading("pi-late", slot.plusSeconds(80), 22.0, 46.0))).then().statusCode(200);

        post(Events.validated(Events.reading("pi-late", slot.plusSeconds(30), 35.0, 90.0))).then().statusCode(204);

        assertThat(lateTemperatures()).isEqualTo(before + 1);
        // and it is in no summary: the next window holds only the reading at 80 s
        post(Events.validated(Events.reading("pi-late", slot.plusSeconds(140), 22.0, 46.0)))
                .then()
                .statusCode(200)
                .body("windowStart", equalTo(slot.plusSeconds(60).toString()))
                .body("count", equalTo(1));
    }

    @Test
    void anEventOfAnotherTypeIsRefused422ByTheGate() {
        HttpMessage event = Events.validated(Events.reading("pi-misrouted", Events.slot(), 21.0, 45.0));
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        headers.put("ce-type", EventTypes.READING);

        given().headers(headers).body(event.body()).post("/")
                .then()
                .statusCode(422)
                .body("problems[0]", containsString("got \"io.kedge.reading.v1\""));
    }

    @Test
    void aReadingWhoseDeviceCannotKeyTheWindowsIsRefused422() {
        post(Events.validated(Events.reading("pi-bad\\", Events.slot(), 21.0, 45.0)))
                .then()
                .statusCode(422)
                .body("error", equalTo("unusable reading"))
                .body("problems[0]", containsString("ends with a backslash"));
    }

    @Test
    void readyOnceTheWindowsAreRead() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'aggregate-windows' }.status", equalTo("UP"));
    }

    private static double lateTemperatures() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^kedge_aggregate_readings_late_total\\{metric=\"temperature\"} (\\S+)$").matcher(metrics);
        assertThat(line.find()).as("the late counter in /q/metrics").isTrue();
        return Double.parseDouble(line.group(1));
    }

    static Response post(HttpMessage message) {
        return given().headers(message.headers()).body(message.body()).post("/");
    }

    static HttpMessage messageOf(Response response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach(h -> headers.putIfAbsent(h.getName(), h.getValue()));
        return new HttpMessage(headers, response.asByteArray());
    }
}
