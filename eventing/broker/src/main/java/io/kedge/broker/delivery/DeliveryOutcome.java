package io.kedge.broker.delivery;

import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.InvalidEventException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** One attempt's result, classified as Knative's broker filter does (knative-cloudevents.md §2.7, §2.8). */
public sealed interface DeliveryOutcome {

    /** Status 0 stands for "no HTTP response" (refused, reset, timed out). */
    int NO_RESPONSE = 0;

    /** A 2xx without a body: the subscriber took the event. */
    record Done(int status) implements DeliveryOutcome {
    }

    /** A 2xx carrying a CloudEvent, which goes back into the broker. */
    record Reply(int status, CloudEvent event) implements DeliveryOutcome {
    }

    /**
     * Anything else; {@link #retryable()} says whether another attempt may help.
     *
     * @param detail     a short text for logs and the dead-letter queue
     * @param body       the answer's body, for {@code knativeerrordata}; for no response, a text naming the error
     * @param retryAfter the wait a 429 or 503 asked for with {@code Retry-After}, null when none
     */
    record Failed(int status, String detail, byte[] body, Duration retryAfter) implements DeliveryOutcome {

        public Failed(int status, String detail) {
            this(status, detail, new byte[0], null);
        }

        /** Retry on no response, 404, 408, 409, 429 and 5xx; never on other 4xx (Knative's SelectiveRetry). */
        public boolean retryable() {
            return status == NO_RESPONSE || status == 404 || status == 408 || status == 409 || status == 429
                    || status >= 500;
        }

        public String statusText() {
            return status == NO_RESPONSE ? "no response" : "status " + status;
        }

        /** {@code knativeerrorcode}: the status, 500 when there was no response (Knative's dispatcher). */
        public int errorCode() {
            return status == NO_RESPONSE ? 500 : status;
        }
    }

    /** Classifies a subscriber's answer. */
    static DeliveryOutcome of(SubscriberResponse response) {
        return of(response, Clock.systemUTC());
    }

    static DeliveryOutcome of(SubscriberResponse response, Clock clock) {
        int status = response.status();
        if (status < 200 || status > 299) {
            return failed(response, clock);
        }
        if (CloudEventHttp.carriesEvent(response.message())) {
            try {
                return new Reply(status, CloudEventHttp.decode(response.message()));
            } catch (InvalidEventException e) {
                // Knative answers 502 for a malformed reply, which makes it a retryable failure.
                return new Failed(502, "malformed reply event: " + e.getMessage(), response.message().body(), null);
            }
        }
        if (response.message().body().length > 0) {
            return new Failed(502, "a " + status + " answer with a body that is not a CloudEvent: "
                    + snippet(response.message().body()), response.message().body(), null);
        }
        return new Done(status);
    }

    /** Classifies a dead-letter sink's answer: any 2xx takes the event; a body is not a reply. */
    static DeliveryOutcome ofSink(SubscriberResponse response, Clock clock) {
        int status = response.status();
        return status >= 200 && status <= 299 ? new Done(status) : failed(response, clock);
    }

    static DeliveryOutcome noResponse(Throwable error) {
        String message = String.valueOf(error.getMessage() == null ? error : error.getMessage());
        return new Failed(NO_RESPONSE, message, ("dispatch error: " + message).getBytes(StandardCharsets.UTF_8), null);
    }

    private static Failed failed(SubscriberResponse response, Clock clock) {
        int status = response.status();
        Duration retryAfter = status == 429 || status == 503
                ? RetryAfter.parse(response.message().header("Retry-After"), clock).orElse(null) : null;
        return new Failed(status, snippet(response.message().body()), response.message().body(), retryAfter);
    }

    private static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(empty body)" : text;
    }
}
