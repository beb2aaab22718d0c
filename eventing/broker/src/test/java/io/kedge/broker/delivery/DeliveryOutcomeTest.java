package io.kedge.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.fixtures.Readings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Verifies how a subscriber's answer is classified: done, reply, or a failure that may be retried. */
class DeliveryOutcomeTest {

    @Test
    void emptyTwoHundredFourIsDone() {
        assertThat(DeliveryOutcome.of(new SubscriberResponse(204, new HttpMessage(Map.of(), null))))
                .isEqualTo(new DeliveryOutcome.Done(204));
    }

    @Test
    void twoHundredWithABinaryEventIsAReply() {
        HttpMessage reply = CloudEventHttp.binary(ReadingEvents.of(Readings.DHT11_LIVINGROOM));

        DeliveryOutcome outcome = DeliveryOutcome.of(new SubscriberResponse(200, reply));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Reply.class,
                r -> assertThat(r.event().getId()).isEqualTo(ReadingEvents.of(Readings.DHT11_LIVINGROOM).getId()));
    }

    @Test
    void twoHundredWithABodyThatIsNoEventFailsWithFiveHundredTwo() {
        HttpMessage text = new HttpMessage(Map.of("content-type", "text/plain"), "ok".getBytes(StandardCharsets.UTF_8));

        DeliveryOutcome outcome = DeliveryOutcome.of(new SubscriberResponse(200, text));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(502);
            assertThat(f.retryable()).isTrue();
        });
    }

    @Test
    void malformedReplyEventFailsWithFiveHundredTwo() {
        HttpMessage broken = new HttpMessage(Map.of("ce-specversion", "1.0", "ce-type", "x"), null);

        assertThat(DeliveryOutcome.of(new SubscriberResponse(200, broken)))
                .isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> assertThat(f.detail()).contains("'id'"));
    }

    @ParameterizedTest(name = "Retry-After on {0} honoured: {1}")
    @CsvSource({"429, true", "503, true", "500, false", "404, false"})
    void retryAfterIsReadOnTooManyRequestsAndUnavailableOnly(int status, boolean honoured) {
        HttpMessage answer = new HttpMessage(Map.of("Retry-After", "7"), "busy".getBytes(StandardCharsets.UTF_8));

        DeliveryOutcome outcome = DeliveryOutcome.of(new SubscriberResponse(status, answer));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
            assertThat(f.retryAfter()).isEqualTo(honoured ? java.time.Duration.ofSeconds(7) : null);
            assertThat(f.body()).asString(StandardCharsets.UTF_8).isEqualTo("busy");
        });
    }

    @Test
    void deadLetterSinkTakesAnyTwoHundredEvenWithABody() {
        HttpMessage text = new HttpMessage(Map.of("content-type", "text/plain"), "ok".getBytes(StandardCharsets.UTF_8));

        assertThat(DeliveryOutcome.ofSink(new SubscriberResponse(200, text), java.time.Clock.systemUTC()))
                .isEqualTo(new DeliveryOutcome.Done(200));
    }

    @ParameterizedTest(name = "status {0} retryable: {1}")
    @CsvSource({"0, true", "400, false", "401, false", "404, true", "408, true", "409, true", "410, false",
            "413, false", "429, true", "500, true", "503, true", "302, false"})
    void retriesFollowKnativesSelectiveRetry(int status, boolean retryable) {
        assertThat(new DeliveryOutcome.Failed(status, "").retryable()).isEqualTo(retryable);
    }
}
