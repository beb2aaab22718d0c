package io.kedge.device.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.device.TestEvents;
import io.kedge.device.actuator.AlertEvents;
import io.kedge.testkit.Poll;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Verifies {@code /uplink} as the broker's uplink Triggers call it: summaries and alerts, binary or
 * structured, are answered 202 once kept and reach upstream; a reading (not carried by default)
 * is 204 and counted; what is not a CloudEvent is a 400 naming the problem; what the buffer cannot
 * keep is a 503, which the broker retries.
 */
@QuarkusTest
@WithTestResource(UplinkResource.class)
class UplinkEndpointTest {

    private static ValidatableResponse post(HttpMessage message) {
        RequestSpecification request = given();
        message.headers().forEach(request::header);
        return request.body(message.body()).when().post("/uplink").then();
    }

    @Test
    void summariesAndAlertsAreKeptThenForwardedUpstream() {
        CloudEvent binary = TestEvents.summary(100);
        CloudEvent structured = TestEvents.summary(101);
        CloudEvent alert = AlertEvents.fired("temperature-high", "pi-test", "lab");

        post(CloudEventHttp.binary(binary)).statusCode(202);
        post(CloudEventHttp.structured(structured)).statusCode(202);
        post(CloudEventHttp.binary(alert)).statusCode(202);

        Poll.until("three events upstream", Duration.ofSeconds(20),
                () -> UplinkResource.upstream().acceptedIds().containsAll(
                        java.util.List.of(binary.getId(), structured.getId(), alert.getId())));
        assertThat(UplinkResource.upstream().acceptedIds()).doesNotHaveDuplicates();
        given().when().get("/status").then()
                .statusCode(200)
                .body("uplink.url", equalTo(UplinkResource.upstream().url()))
                .body("uplink.upstreamUp", equalTo(true));
    }

    @Test
    void aReadingIsTakenButNotForwardedByDefault() {
        int before = given().when().get("/status").then().extract().path("uplink.droppedTypeNotAllowed");

        post(CloudEventHttp.binary(TestEvents.reading(7))).statusCode(204);

        given().when().get("/status").then().body("uplink.droppedTypeNotAllowed", equalTo(before + 1));
        given().when().get("/q/metrics").then()
                .body(containsString("kedge_device_uplink_dropped_total{reason=\"type_not_allowed\"}"));
    }

    @Test
    void aRequestThatIsNoCloudEventIsA400NamingTheProblem() {
        given().body("{\"count\":3}").contentType("application/json")
                .when().post("/uplink").then()
                .statusCode(400)
                .body(containsString("ce-specversion"));
    }

    @Test
    void anEventTheBufferCannotKeepIsA503() {
        CloudEvent large = CloudEventBuilder.v1(TestEvents.summary(200)).withData(new byte[8192]).build();

        post(CloudEventHttp.binary(large)).statusCode(503).body(containsString(large.getId()));

        given().when().get("/status").then().body("uplink.storeFailed", equalTo(1));
        // Values are asserted through /status: within one test JVM, meters can stay bound to the
        // beans of an application a previous test class started.
        given().when().get("/q/metrics").then()
                .body(containsString("kedge_device_uplink_dropped_total{reason=\"store_failed\"}"));
    }
}
