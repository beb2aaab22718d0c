package io.kedge.alert.rules;

import java.time.Instant;

/**
 * The state of one rule for one device (one alert fingerprint): everything needed to carry on
 * after the process was stopped, and to announce the last transition again when the event that
 * caused it is delivered again.
 *
 * @param status       where the rule stands
 * @param pendingSince {@link Status#PENDING}: when the condition started to hold
 * @param count        {@link Status#PENDING}: consecutive readings that met the condition
 * @param startsAt     start of the current incident, or of the last one once resolved
 * @param endsAt       end of the last incident; {@code null} while one is open
 * @param value        the value of the last announcement (fired, repeated or resolved)
 * @param threshold    the level of the last announcement
 * @param announced    when the open incident was last announced (fired or repeated)
 * @param repeated     whether that last announcement was a repeat
 * @param cause        hash of the id of the event that caused the last announcement (see {@link Causes})
 * @param window       rate-of-change rules: the recent values ({@link RateWindow#encode()})
 */
public record SeriesState(
        Status status,
        Instant pendingSince,
        int count,
        Instant startsAt,
        Instant endsAt,
        Double value,
        Double threshold,
        Instant announced,
        boolean repeated,
        String cause,
        String window) {

    /** A rule that has never held for the device. */
    public static final SeriesState INITIAL = new SeriesState(Status.OK, null, 0, null, null, null, null, null, false, "", "");

    public SeriesState {
        cause = cause == null ? "" : cause;
        window = window == null ? "" : window;
    }

    SeriesState pending(Instant since, int consecutive) {
        return new SeriesState(Status.PENDING, since, consecutive, startsAt, endsAt, value, threshold, announced, repeated, cause, window);
    }

    /** Back to {@link Status#OK} from pending, keeping what the last incident left. */
    SeriesState calm() {
        return new SeriesState(Status.OK, null, 0, startsAt, endsAt, value, threshold, announced, repeated, cause, window);
    }

    SeriesState fired(Instant at, double firedValue, double level) {
        return fired(at, at, firedValue, level);
    }

    /** An incident starting at {@code startsAt}, noticed and announced at {@code now}. */
    SeriesState fired(Instant startsAt, Instant now, double firedValue, double level) {
        return new SeriesState(Status.FIRING, null, 0, startsAt, null, firedValue, level, now, false, cause, window);
    }

    SeriesState resolved(Instant at, double resolvedValue, double level) {
        return new SeriesState(Status.OK, null, 0, startsAt, at, resolvedValue, level, announced, repeated, cause, window);
    }

    /** Announced again at {@code at} with the current value. */
    public SeriesState repeated(Instant at, Double currentValue) {
        return new SeriesState(status, pendingSince, count, startsAt, endsAt,
                currentValue == null ? value : currentValue, threshold, at, true, cause, window);
    }

    public SeriesState withWindow(String encoded) {
        return new SeriesState(status, pendingSince, count, startsAt, endsAt, value, threshold, announced, repeated, cause, encoded);
    }

    public SeriesState causedBy(String causeHash) {
        return new SeriesState(status, pendingSince, count, startsAt, endsAt, value, threshold, announced, repeated, causeHash, window);
    }

    public boolean firing() {
        return status == Status.FIRING;
    }
}
