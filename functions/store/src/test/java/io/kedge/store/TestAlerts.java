package io.kedge.store;

import io.kedge.contract.data.Alert;
import java.time.Instant;

/** Alert events as the alert function publishes them. */
public final class TestAlerts {

    /** A temperature-high alert of {@code device} that started at {@code startsAt} and is still firing. */
    public static Alert fired(String device, Instant startsAt) {
        return new Alert("temperature-high", "warning", device, "livingroom", "temperature", 31.5, 30.0,
                startsAt.toString(), null, "temperature-high/" + device);
    }

    /** The same incident, resolved at {@code endsAt} with the value that cleared it. */
    public static Alert resolved(String device, Instant startsAt, Instant endsAt) {
        return new Alert("temperature-high", "warning", device, "livingroom", "temperature", 29.0, 30.0,
                startsAt.toString(), endsAt.toString(), "temperature-high/" + device);
    }

    public static Alert withFingerprint(Alert alert, String fingerprint) {
        return new Alert(alert.rule(), alert.severity(), alert.deviceId(), alert.location(), alert.metric(),
                alert.value(), alert.threshold(), alert.startsAt(), alert.endsAt(), fingerprint);
    }

    private TestAlerts() {
    }
}
