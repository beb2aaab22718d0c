package io.kedge.alert.engine;

import io.kedge.contract.Rfc3339;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads a time that becomes an alert's {@code startsAt}/{@code endsAt} and its event's
 * {@code time}. java.time also reads years past 9999 ({@code +10000-01-01T00:00:00Z},
 * {@code +999999999-12-31T23:59:59Z}), which RFC 3339 has no form for: the alert event carrying
 * one is no valid CloudEvent (the broker refuses it), and epoch milliseconds of the largest
 * overflow. Such a time is no time here.
 */
public final class AlertTimes {

    private static final int LAST_YEAR = 9999;

    /**
     * The instant of {@code text}, or {@code null} when it is no RFC 3339 time with offset, or
     * names an instant outside the years 0000 to 9999 in UTC, in which alert events carry it.
     */
    public static Instant parse(String text) {
        OffsetDateTime time;
        try {
            time = Rfc3339.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
        // RFC 3339's year is four digits; java.time reads a sign before any other.
        if (text.isEmpty() || text.charAt(0) == '+' || text.charAt(0) == '-') {
            return null;
        }
        int utcYear = time.withOffsetSameInstant(ZoneOffset.UTC).getYear();
        return utcYear < 0 || utcYear > LAST_YEAR ? null : time.toInstant();
    }

    private AlertTimes() {
    }
}
