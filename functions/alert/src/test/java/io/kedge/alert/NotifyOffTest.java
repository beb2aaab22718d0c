package io.kedge.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.alert.notify.WebhookNotifier;
import io.kedge.contract.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Without {@code kedge.alert.notify.url} (the default, as in the pipeline), alert events are taken
 * and dropped: 204, so the broker neither retries nor dead-letters them. Runs in the application
 * of the other tests, which configure no webhook.
 */
@QuarkusTest
class NotifyOffTest {

    @Inject
    WebhookNotifier notifier;

    @Test
    void withoutWebhookAlertEventsAreAnswered204AndNothingIsSent() {
        assertThat(notifier.settings().url()).isEmpty();

        NotifyFunctionTest.post("/", NotifyFunctionTest.alertEvent("off/fired", EventTypes.ALERT_FIRED,
                NotifyFunctionTest.FIRED)).then().statusCode(204);
        NotifyFunctionTest.post("/", NotifyFunctionTest.alertEvent("off/resolved", EventTypes.ALERT_RESOLVED,
                NotifyFunctionTest.RESOLVED)).then().statusCode(204);
    }
}
