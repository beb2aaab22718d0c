package io.kedge.broker.admin;

import io.cloudevents.CloudEvent;
import io.kedge.broker.dlq.DeadLetter;
import io.kedge.broker.dlq.ReplayResult;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/** The dead-letter queue as text for a terminal ({@code ./kedge dlq}): tables and labelled fields. */
public final class DlqText {

    private static final int REASON_WIDTH = 48;
    private static final String HINT = "details: ./kedge dlq show ID   re-deliver: ./kedge dlq replay [--trigger T] [ID...]";

    /** One row per dead letter; {@code replaying} marks those being re-delivered now. */
    public static String list(List<DeadLetter> letters, long matching, LongPredicate replaying) {
        if (letters.isEmpty()) {
            return "no dead letters\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "TRIGGER", "FAILED AT (UTC)", "ATTEMPTS", "STATUS", "TYPE", "EVENT ID", "REASON"});
        boolean anyReplaying = false;
        for (DeadLetter letter : letters) {
            boolean now = replaying.test(letter.id());
            anyReplaying |= now;
            rows.add(new String[] {
                    letter.id() + (now ? "*" : ""),
                    letter.trigger(),
                    time(letter.failure().failedAt()),
                    String.valueOf(letter.attempts()),
                    letter.failure().statusText(),
                    letter.event().getType(),
                    letter.event().getId(),
                    shorten(oneLine(letter.failure().reason()), REASON_WIDTH)});
        }
        StringBuilder out = new StringBuilder(table(rows));
        out.append('\n').append(matching).append(matching == 1 ? " dead letter" : " dead letters");
        if (matching > letters.size()) {
            out.append(", the oldest ").append(letters.size()).append(" shown");
        }
        if (anyReplaying) {
            out.append("; * being replayed now");
        }
        return out.append('\n').append(HINT).append('\n').toString();
    }

    /** Every field of one dead letter: the failure, then the event with its data. */
    public static String show(DeadLetter letter, boolean replaying) {
        StringBuilder out = new StringBuilder();
        out.append("Dead letter ").append(letter.id()).append(replaying ? " (being replayed now)" : "").append('\n');
        field(out, "trigger", letter.trigger() + "  (broker " + letter.broker().path() + ")");
        field(out, "failed at", time(letter.failure().failedAt()) + " UTC, after " + letter.attempts()
                + (letter.attempts() == 1 ? " attempt" : " attempts"));
        if (letter.replays() > 0) {
            field(out, "first failed", time(letter.firstFailedAt()) + " UTC; replayed " + letter.replays()
                    + (letter.replays() == 1 ? " time" : " times") + " since");
        }
        field(out, "destination", letter.failure().destination());
        field(out, "status", letter.failure().status() == 0 ? "no response (counts as 500 for knativeerrorcode)"
                : String.valueOf(letter.failure().status()));
        field(out, "reason", oneLine(letter.failure().reason()));
        String body = letter.failure().body();
        if (letter.failure().status() != 0 && !body.isEmpty() && !oneLine(body).equals(oneLine(letter.failure().reason()))) {
            out.append("  answer body (first ").append(DeadLetter.Failure.MAX_BODY).append(" bytes):\n");
            indent(out, body);
        }
        out.append("Event\n");
        CloudEvent event = letter.event();
        for (String name : List.of("id", "source", "type", "subject", "time", "datacontenttype", "dataschema")) {
            Object value = event.getAttribute(name);
            if (value != null) {
                field(out, name, text(value));
            }
        }
        for (String name : new TreeSet<>(event.getExtensionNames())) {
            field(out, name, text(event.getExtension(name)));
        }
        byte[] data = event.getData() == null ? new byte[0] : event.getData().toBytes();
        out.append("Data (").append(data.length).append(data.length == 1 ? " byte" : " bytes");
        String text = utf8(data);
        if (text == null) {
            out.append(", base64):\n");
            indent(out, Base64.getEncoder().encodeToString(data));
        } else {
            out.append("):\n");
            indent(out, text);
        }
        return out.toString();
    }

    /** One line per replayed dead letter, then the tally. */
    public static String replay(List<ReplayResult> results) {
        if (results.isEmpty()) {
            return "nothing to replay: no dead letters match\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "TRIGGER", "RESULT"});
        Map<ReplayResult.Outcome, Integer> tally = new EnumMap<>(ReplayResult.Outcome.class);
        for (ReplayResult result : results) {
            rows.add(new String[] {String.valueOf(result.id()), result.trigger(), oneLine(result.describe())});
            tally.merge(result.outcome(), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder(table(rows)).append('\n');
        out.append(results.size()).append(results.size() == 1 ? " dead letter: " : " dead letters: ");
        List<String> parts = new ArrayList<>();
        tally.forEach((outcome, count) -> parts.add(count + " " + outcome.name().toLowerCase(Locale.ROOT)
                .replace('_', ' ')));
        out.append(String.join(", ", parts)).append('\n');
        if (tally.containsKey(ReplayResult.Outcome.FAILED_AGAIN) || tally.containsKey(ReplayResult.Outcome.IN_PROGRESS)) {
            out.append("what failed again is back in the queue: ./kedge dlq list\n");
        }
        return out.toString();
    }

    static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(String.format("  %-18s %s%n", name, value));
    }

    private static void indent(StringBuilder out, String text) {
        text.lines().forEach(line -> out.append("    ").append(line).append('\n'));
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", "");
    }

    /** Times in full RFC 3339 ({@code OffsetDateTime.toString} drops zero seconds); binary as base64. */
    static String text(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return String.valueOf(value);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String shorten(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    /** The data as text when it is valid UTF-8 without control characters other than whitespace. */
    private static String utf8(byte[] data) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
            return text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t') ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private DlqText() {
    }
}
