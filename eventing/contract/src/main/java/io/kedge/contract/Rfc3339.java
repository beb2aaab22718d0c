package io.kedge.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads RFC 3339 date-times in the one form that senders write nearly always, without java.time's
 * general formatter. Every event's {@code time} and every reading's sample time is parsed on the
 * hot path of each function. {@code OffsetDateTime.parse} spends about a microsecond on each one,
 * a tenth of a function's CPU at 10,000 events/s on a 2-core machine. The {@code format} methods
 * write them back, the same text as java.time's, for the same reason.
 *
 * <p>It only speeds up the common case. {@code null} means "not in this form", not "invalid".
 * Each caller then asks its own java.time parser, which decides (and can say why) exactly as it
 * did before. So the fast path never changes what a caller accepts.
 */
public final class Rfc3339 {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000};
    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /**
     * {@code OffsetDateTime.parse(text)}, with the same result and the same exception, only
     * faster for the common form.
     *
     * @throws DateTimeParseException when java.time cannot parse {@code text}
     */
    public static OffsetDateTime parse(String text) {
        OffsetDateTime common = parseCommon(text);
        return common != null ? common : OffsetDateTime.parse(text);
    }

    /** {@code instant.toString()}, the same text, written without java.time's formatter for years 0 to 9999. */
    public static String format(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return instant.toString();
        }
        StringBuilder text = dateAndTime(utc);
        int nano = instant.getNano();
        if (nano != 0) {
            // as ISO_INSTANT: milli-, micro- or nanoseconds, whichever is exact
            text.append('.');
            if (nano % 1_000_000 == 0) {
                pad(text, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                pad(text, nano / 1_000, 6);
            } else {
                pad(text, nano, 9);
            }
        }
        return text.append('Z').toString();
    }

    /**
     * {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time)}, the same text, written without
     * java.time's formatter for years 0 to 9999. The broker writes every event's {@code time} as a
     * header on each delivery; the formatter's fraction goes through {@code BigDecimal}, which made
     * it the largest single allocation of the broker's own code (5 % of its bytes).
     */
    public static String format(OffsetDateTime time) {
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
        StringBuilder text = dateAndTime(time.toLocalDateTime());
        int nano = time.getNano();
        if (nano != 0) {
            // as ISO_OFFSET_DATE_TIME: the fewest digits that are exact, unlike ISO_INSTANT's groups of 3
            int digits = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                digits--;
            }
            pad(text.append('.'), nano, digits);
        }
        int offset = time.getOffset().getTotalSeconds();
        if (offset == 0) {
            return text.append('Z').toString();
        }
        text.append(offset < 0 ? '-' : '+');
        offset = Math.abs(offset);
        pad(text, offset / 3600, 2).append(':');
        pad(text, offset / 60 % 60, 2);
        if (offset % 60 != 0) {
            pad(text.append(':'), offset % 60, 2);
        }
        return text.toString();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} of {@code local}, whose year is 0 to 9999; room left for a fraction and an offset. */
    private static StringBuilder dateAndTime(LocalDateTime local) {
        StringBuilder text = new StringBuilder(35);
        pad(text, local.getYear(), 4).append('-');
        pad(text, local.getMonthValue(), 2).append('-');
        pad(text, local.getDayOfMonth(), 2).append('T');
        pad(text, local.getHour(), 2).append(':');
        pad(text, local.getMinute(), 2).append(':');
        return pad(text, local.getSecond(), 2);
    }

    /** {@code value} in exactly {@code width} digits, zero-padded; {@code value} is below 10^width. */
    private static StringBuilder pad(StringBuilder text, int value, int width) {
        for (int divisor = POWERS_OF_TEN[width - 1]; divisor > 0; divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
        return text;
    }

    /**
     * The date-time, if {@code text} is exactly {@code yyyy-MM-ddTHH:mm:ss[.f]Z} or
     * {@code ...±hh:mm} (1–9 fraction digits, {@code T} and {@code Z} in either case) and names a
     * real date, time and offset. Otherwise {@code null}. The result is equal to what
     * {@code OffsetDateTime.parse(text)} returns for the same text.
     */
    public static OffsetDateTime parseCommon(String text) {
        int length = text.length();
        if (length < 20 || length > 35
                || text.charAt(4) != '-' || text.charAt(7) != '-' || (text.charAt(10) | 0x20) != 't'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nano = 0;
        if (text.charAt(at) == '.') {
            int end = at + 1;
            while (end < length && isDigit(text.charAt(end))) {
                end++;
            }
            int count = end - at - 1;
            if (count < 1 || count > 9) {
                return null;
            }
            nano = digits(text, at + 1, end) * SCALE[count];
            at = end;
        }
        ZoneOffset offset = offset(text, at);
        if (offset == null) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
        } catch (DateTimeException e) {
            return null; // February 30, hour 24, second 60: the caller's java.time rejects it with its reason
        }
    }

    private static ZoneOffset offset(String text, int at) {
        int left = text.length() - at;
        if (left == 1 && (text.charAt(at) | 0x20) == 'z') {
            return ZoneOffset.UTC;
        }
        char sign = left == 6 ? text.charAt(at) : 0;
        if ((sign != '+' && sign != '-') || text.charAt(at + 3) != ':') {
            return null;
        }
        int hours = digits(text, at + 1, at + 3);
        int minutes = digits(text, at + 4, at + 6);
        if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
            return null;
        }
        try {
            return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
        } catch (DateTimeException e) {
            return null; // beyond ±18:00
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if any character there is no ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Rfc3339() {
    }
}
