package io.kedge.broker.delivery;

import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.InvalidEventException;
import java.nio.charset.StandardCharsets;

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

    /** Anything else; {@link #retryable()} says whether another attempt may help. */
    record Failed(int status, String detail) implements DeliveryOutcome {

        /** Retry on no response, 404, 408, 409, 429 and 5xx; never on other 4xx (Knative's SelectiveRetry). */
        public boolean retryable() {
            return status == NO_RESPONSE || status == 404 || status == 408 || status == 409 || status == 429
                    || status >= 500;
        }

        public String statusText() {
            return status == NO_RESPONSE ? "no response" : "status " + status;
        }
    }

    static DeliveryOutcome of(SubscriberResponse response) {
        int status = response.status();
        if (status < 200 || status > 299) {
            return new Failed(status, snippet(response.message().body()));
        }
        if (CloudEventHttp.carriesEvent(response.message())) {
            try {
                return new Reply(status, CloudEventHttp.decode(response.message()));
            } catch (InvalidEventException e) {
                // Knative answers 502 for a malformed reply, which makes it a retryable failure.
                return new Failed(502, "malformed reply event: " + e.getMessage());
            }
        }
        if (response.message().body().length > 0) {
            return new Failed(502, "a " + status + " answer with a body that is not a CloudEvent: "
                    + snippet(response.message().body()));
        }
        return new Done(status);
    }

    static DeliveryOutcome noResponse(Throwable error) {
        return new Failed(NO_RESPONSE, String.valueOf(error.getMessage() == null ? error : error.getMessage()));
    }

    private static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(empty body)" : text;
    }
}
