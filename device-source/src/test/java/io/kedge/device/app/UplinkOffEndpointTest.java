package io.kedge.device.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.device.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Verifies {@code /uplink} without an upstream URL: summaries are answered 204 (so the local
 * broker does not dead-letter them) and counted as dropped.
 */
@QuarkusTest
@TestProfile(UplinkOffProfile.class)
class UplinkOffEndpointTest {

    @Test
    void withoutAnUplinkUrlASummaryIs204AndCountedAsDropped() {
        HttpMessage message = CloudEventHttp.binary(TestEvents.summary(0));
        RequestSpecification request = given();
        message.headers().forEach(request::header);

        request.body(message.body()).when().post("/uplink").then().statusCode(204);

        given().when().get("/status").then()
                .body("uplink.url", nullValue())
                .body("uplink.droppedNoUplink", equalTo(1));
        given().when().get("/q/metrics").then()
                .body(containsString("kedge_device_uplink_dropped_total{reason=\"no_uplink\"}"));
    }
}
