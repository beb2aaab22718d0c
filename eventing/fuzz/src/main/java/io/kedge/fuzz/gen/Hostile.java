package io.kedge.fuzz.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * The values that break parsers and storage: strings with control characters and odd Unicode,
 * numbers at and beyond the edges of a double, non-finite literals, numbers as text, timestamps
 * at the edges of every time library involved (Java, RFC 3339, InfluxDB's int64 nanoseconds).
 */
public final class Hostile {

    /** Strings that are fine JSON but poison for tags, headers, logs and line protocol. */
    static final List<String> STRINGS = List.of(
            "", " ", "\n", "pi-\nkitchen", "pi-kitchen\n", "pi\r\nkitchen", "pi\tkitchen", "pi\u0000kitchen",
            "\u0000", "\u001b[31mred\u001b[0m", "pi\u007fkitchen", "pi\u0085kitchen", "pi\u2028kitchen", "pi\u2029",
            "pi-kitchen\\", "\\", "pi\\nkitchen", "pi kitchen", "pi,kitchen", "pi=kitchen", "pi\"kitchen", "pi'kitchen",
            "pi\\,kitchen", "\ufeffpi-kitchen", "pi\u200bkitchen", "\u202epi-kitchen", "küche", "кухня", "厨房", "😀",
            "e\u0301\u0301\u0301", "\uffff", "\ufffd", "pi-kitchen%0A", "%00", "%", "../../etc/passwd",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "' OR 1=1 --", "null", "NaN", "-",
            "/devices/pi-kitchen", "a".repeat(256), "x".repeat(5000));

    /** Timestamps: edges of RFC 3339, of java.time, of InfluxDB's range (1677-09-21 .. 2262-04-11), and non-times. */
    static List<String> times(Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.SECONDS);
        return List.of(
                minute.toString().replace("Z", ""), // zone-less
                minute.toString().replace("Z", "").replace('T', ' ') + "Z",
                minute.toString().replace('T', 't').replace('Z', 'z'),
                minute.minus(25, ChronoUnit.HOURS).toString(),
                minute.plus(1, ChronoUnit.HOURS).toString(),
                minute.minus(31, ChronoUnit.DAYS).toString(),
                "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1677-09-21T00:12:43.145224191Z",
                "1677-09-21T00:12:43.145224192Z", "1970-01-01T00:00:00Z", "2262-04-11T23:47:16.854775807Z",
                "2262-04-11T23:47:16.854775808Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z", "-000001-01-01T00:00:00Z", "2026-02-30T10:00:00Z",
                "2026-11-28T24:00:00Z", "2026-12-31T23:59:60Z", "2026-11-28T10:15:30+25:00",
                "2026-11-28T10:15:30+14:00", "2026-11-28T10:15:30-12:00", "2026-11-28T10:15:30+05",
                "2026-11-28T10:15:30.1234567891234Z", "2026-11-28T10:15Z", "2026-11-28", "10:15:30Z",
                "lunchtime", "", "1764324930", "2026-11-28T10:15:30.Z", "2026-W48-6T10:15:30Z",
                "2026-11-28T10:15:30Z\n", " 2026-11-28T10:15:30Z");
    }

    /** A hostile JSON value of any kind. */
    static JsonNode value(Random random, Instant now) {
        return switch (random.nextInt(9)) {
            case 0, 1 -> Draft.NODES.textNode(pick(random, STRINGS));
            case 2 -> number(random);
            case 3 -> nonFinite(random);
            case 4 -> numberAsText(random);
            case 5 -> Draft.NODES.textNode(pick(random, times(now)));
            case 6 -> wrongType(random);
            case 7 -> deep(random, 10 + random.nextInt(40));
            default -> Draft.NODES.nullNode();
        };
    }

    /** Numbers a double cannot hold exactly, or at all. */
    static JsonNode number(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> Draft.NODES.numberNode(0);
            case 1 -> Draft.NODES.numberNode(-0.0);
            case 2 -> Draft.NODES.numberNode(Double.MAX_VALUE);
            case 3 -> Draft.NODES.numberNode(-Double.MAX_VALUE);
            case 4 -> Draft.NODES.numberNode(Double.MIN_VALUE);
            case 5 -> Draft.NODES.numberNode(Long.MAX_VALUE);
            case 6 -> Draft.NODES.numberNode(new BigInteger("123456789012345678901234567890"));
            case 7 -> Draft.NODES.numberNode(new BigDecimal("1e999"));
            case 8 -> Draft.NODES.numberNode(new BigDecimal("-1e999"));
            case 9 -> Draft.NODES.numberNode(new BigDecimal("1e-999"));
            case 10 -> Draft.NODES.numberNode(new BigDecimal("0." + "1".repeat(300)));
            case 11 -> Draft.NODES.numberNode(random.nextGaussian() * 1e6);
            case 12 -> Draft.NODES.numberNode(random.nextInt(2001) - 1000);
            default -> Draft.NODES.numberNode(-273.15 - random.nextDouble());
        };
    }

    /** Bare NaN and infinity tokens (Python's json.dumps writes them), which are not JSON. */
    static JsonNode nonFinite(Random random) {
        String token = pick(random, List.of("NaN", "Infinity", "-Infinity", "+Infinity", "nan", "inf", "1e99999"));
        return Draft.NODES.rawValueNode(new RawValue(token));
    }

    static JsonNode numberAsText(Random random) {
        return Draft.NODES.textNode(pick(random, List.of("21.5", "21,5", " 21.5", "21.5 °C", "0x15", "1e3", "NaN",
                "Infinity", "-Infinity", "1e999", "", "-", "+21", "021", "21.5.1")));
    }

    static JsonNode wrongType(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> Draft.NODES.booleanNode(random.nextBoolean());
            case 1 -> Draft.NODES.arrayNode().add(21.5).add("x");
            case 2 -> Draft.NODES.objectNode().put("value", 21.5);
            case 3 -> Draft.NODES.arrayNode();
            default -> Draft.NODES.objectNode();
        };
    }

    /**
     * Nested arrays or objects, {@code depth} levels, as raw JSON text: Jackson itself refuses to
     * write (and by default to read) more than 1,000 levels, which is the point of sending them.
     */
    static JsonNode deep(Random random, int depth) {
        String text = random.nextBoolean()
                ? "[".repeat(depth) + "1" + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        return Draft.NODES.rawValueNode(new RawValue(text));
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private Hostile() {
    }
}
