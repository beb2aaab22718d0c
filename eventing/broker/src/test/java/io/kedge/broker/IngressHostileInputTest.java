package io.kedge.broker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.kedge.broker.RecordingSubscriber.Request;
import io.kedge.testkit.Poll;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verifies the ingress's answers to inputs that the fuzzer (eventing/fuzz) found mishandled: data
 * lost for some media types, a 500 for some methods, an event no subscriber could receive, and
 * bare statuses without a message.
 */
@QuarkusTest
@WithTestResource(RecordingSubscriberResource.class)
class IngressHostileInputTest {

    private final String run = UUID.randomUUID().toString().replace("-", "");

    private io.restassured.specification.RequestSpecification binaryEvent(String contentType) {
        return given()
                .config(RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("ce-specversion", "1.0")
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-source", "/devices/pi-form")
                .header("ce-type", "test.form")
                .header("ce-" + RecordingSubscriber.TEST_RUN, run)
                .contentType(contentType);
    }

    private Request awaitAudit() {
        Poll.until("a delivery to /audit", Duration.ofSeconds(10),
                () -> !RecordingSubscriberResource.subscriber().requests("/audit", run).isEmpty());
        List<Request> delivered = RecordingSubscriberResource.subscriber().requests("/audit", run);
        assertThat(delivered).hasSize(1);
        return delivered.get(0);
    }

    @ParameterizedTest(name = "{0} is carried as it came")
    @ValueSource(strings = {
            "--b\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n21.5\r\n--b--\r\n",
            "no multipart at all",
            ""})
    void multipartDataIsCarriedAsItCame(String body) {
        binaryEvent("multipart/form-data; boundary=b").body(body.getBytes(StandardCharsets.UTF_8))
                .post(BrokerTraffic.BROKER)
                .then()
                .statusCode(202);

        Request delivered = awaitAudit();
        assertThat(delivered.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(delivered.header("content-type")).isEqualTo("multipart/form-data; boundary=b");
    }

    @Test
    void formDataIsCarriedAsItCame() {
        binaryEvent("application/x-www-form-urlencoded").body("t=21.5&h=45").post(BrokerTraffic.BROKER)
                .then()
                .statusCode(202);

        assertThat(new String(awaitAudit().body(), StandardCharsets.UTF_8)).isEqualTo("t=21.5&h=45");
    }

    @ParameterizedTest(name = "{0} with a multipart body is 405")
    @ValueSource(strings = {"HEAD", "FOO", "PUT"})
    void otherMethodsWithAMultipartBodyAreNotAllowed(String method) {
        binaryEvent("multipart/form-data; boundary=b").body("--b--\r\n".getBytes(StandardCharsets.UTF_8)).request(method, BrokerTraffic.BROKER)
                .then()
                .statusCode(405)
                .header("Allow", "POST, OPTIONS");
    }

    @ParameterizedTest(name = "datacontenttype {0} is refused")
    @ValueSource(strings = {"application/cloudevents+json", "application/cloudevents-batch+json", "Application/CloudEvents+JSON"})
    void anEventWhoseDataBinaryModeCannotCarryIsABadRequest(String dataContentType) {
        String event = "{\"specversion\":\"1.0\",\"id\":\"inner-1\",\"source\":\"/devices/pi-1\",\"type\":\"test.inner\","
                + "\"datacontenttype\":\"" + dataContentType + "\",\"data\":{\"specversion\":\"1.0\"}}";

        given().contentType("application/cloudevents+json").body(event).post(BrokerTraffic.BROKER)
                .then()
                .statusCode(400)
                .body(containsString("binary mode"));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WithTheLimit() throws IOException {
        String chunk = "x".repeat(100_000);
        StringBuilder request = new StringBuilder("POST " + BrokerTraffic.BROKER + " HTTP/1.1\r\nHost: localhost\r\n"
                + "ce-specversion: 1.0\r\nce-id: big\r\nce-source: /t\r\nce-type: test.big\r\n"
                + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 3; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");

        assertThat(raw(request.toString())).startsWith("HTTP/1.1 413").contains("event larger than 262144 bytes");
    }

    @Test
    void anEventSentAfterExpect100ContinueIsAccepted() throws IOException {
        String body = "{\"t\":21.5}";
        String answer = raw("POST " + BrokerTraffic.BROKER + " HTTP/1.1\r\nHost: localhost\r\nce-specversion: 1.0\r\n"
                + "ce-id: " + UUID.randomUUID() + "\r\nce-source: /t\r\nce-type: test.continue\r\n"
                + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(answer).startsWith("HTTP/1.1 100 Continue").contains("HTTP/1.1 202");
    }

    @Test
    void theServerWideOptionsNamesTheAllowedMethods() throws IOException {
        String answer = raw("OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("allow: POST, OPTIONS");
    }

    /** The request as written: REST Assured cannot send the asterisk form, nor chunks of its choosing. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
