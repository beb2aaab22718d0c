package io.kedge.functions.validate.rules;

import io.kedge.contract.Rfc3339;
import io.kedge.contract.data.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The sample time must name an instant (carry a zone offset) and lie within
 * [now − max age, now + max clock skew].
 */
final class SampleTimeWindow implements ReadingRule {

    // RFC 3339 date-time: four-digit year, seconds and a zone offset of hours and minutes.
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    private final Clock clock;
    private final Duration maxAge;
    private final Duration maxClockSkew;

    SampleTimeWindow(Clock clock, Duration maxAge, Duration maxClockSkew) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxClockSkew = maxClockSkew;
    }

    @Override
    public void check(Reading reading, Violations violations) {
        String text = reading.time();
        if (text == null || text.isBlank() || violations.concern("time")) {
            return;
        }
        OffsetDateTime sampled = parse(text, violations);
        if (sampled == null) {
            return;
        }
        Instant at = sampled.toInstant();
        Instant now = clock.instant();
        if (at.isAfter(now.plus(maxClockSkew))) {
            violations.add(ViolationCode.TIME_IN_FUTURE, "time", text,
                    "time " + Violations.quote(text) + " lies " + Duration.between(now, at) + " ahead of now ("
                            + now + "), more than the allowed clock skew of " + maxClockSkew);
        } else if (at.isBefore(now.minus(maxAge))) {
            violations.add(ViolationCode.TIME_TOO_OLD, "time", text,
                    "time " + Violations.quote(text) + " is " + Duration.between(at, now) + " old (now " + now
                            + "), more than the maximum age of " + maxAge);
        }
    }

    private static OffsetDateTime parse(String text, Violations violations) {
        OffsetDateTime common = Rfc3339.parseCommon(text); // fast for the common form
        if (common != null) {
            return common;
        }
        try {
            // java.time alone reads more than RFC 3339: an offset without minutes (+05), a time
            // without seconds, a year past 9999 with a sign. Store and every strict reader refuse those.
            if (!RFC3339.matcher(text).matches()) {
                throw new DateTimeParseException("not RFC 3339", text, 0);
            }
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException notOffset) {
            if (isLocal(text)) {
                violations.add(ViolationCode.TIME_WITHOUT_ZONE, "time", text,
                        "time " + Violations.quote(text) + " carries no zone offset; append Z for UTC or an offset"
                                + " such as +01:00");
            } else {
                violations.add(ViolationCode.INVALID_TIME, "time", text,
                        "time " + Violations.quote(text) + " is not an RFC 3339 date-time such as 2026-11-27T10:15:30Z");
            }
            return null;
        }
    }

    private static boolean isLocal(String text) {
        try {
            LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
