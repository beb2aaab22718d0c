package io.kedge.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.testkit.FreePorts;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookNotifierTest {

    static final Notification FIRING = new Notification("firing", "temperature-high", "warning", "pi-1", "attic",
            "temperature", 31.0, 30.0, "2026-11-28T10:15:00Z", null, "fp", "fp/fired");

    @Test
    void withoutUrlNothingIsSent() {
        WebhookNotifier off = new WebhookNotifier(new WebhookNotifier.Settings(Optional.empty(), Optional.empty(), Duration.ofSeconds(1)));

        assertThat(off.send(FIRING)).isFalse();
        assertThat(off.settings()).hasToString("off (kedge.alert.notify.url unset)");
    }

    @Test
    void anUnreachableWebhookIsA503() {
        URI closed = URI.create("http://127.0.0.1:" + FreePorts.next() + "/hook");
        WebhookNotifier notifier = new WebhookNotifier(new WebhookNotifier.Settings(Optional.of(closed), Optional.empty(), Duration.ofSeconds(1)));

        assertThatThrownBy(() -> notifier.send(FIRING))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("unreachable");
    }

    @ParameterizedTest
    @CsvSource({"500, true", "503, true", "429, true", "408, true", "400, false", "401, false", "404, false", "422, false"})
    void onlyAnswersThatSayLaterAreRetried(int status, boolean retried) {
        assertThat(WebhookNotifier.retryable(status)).isEqualTo(retried);
    }

    @Test
    void anEventWithoutAlertDataIsRefused() {
        assertThatThrownBy(() -> Notification.of("io.kedge.alert.fired.v1", "a-1", (com.fasterxml.jackson.databind.JsonNode) null))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> assertThat(e.status()).isEqualTo(422));
    }
}
