package io.kedge.broker.ping;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A PingSource's {@code spec.schedule} (5-field UNIX cron) evaluated in its {@code spec.timezone}.
 *
 * <p>cron-utils rather than quarkus-scheduler's programmatic API: the schedules come from manifests
 * read by plain classes, and a plain class with a {@link java.time.Clock}-free {@link #next} is what
 * the unit tests need; cron-utils is the library quarkus-scheduler itself parses cron with, and its
 * version is managed by the Quarkus BOM.
 */
public final class PingSchedule {

    /** Knative's default when {@code spec.schedule} is empty: every minute. */
    public static final String DEFAULT_SCHEDULE = "* * * * *";
    /**
     * Knative's adapter reads a schedule without zone in its pod's local zone, which is UTC in a
     * container; UTC here too, so that a manifest means the same on the Pi as on a cluster.
     */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Etc/UTC");

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime executions;

    private PingSchedule(String expression, ZoneId zone, Cron cron) {
        this.expression = expression;
        this.zone = zone;
        this.executions = ExecutionTime.forCron(cron);
    }

    /**
     * @param schedule {@code spec.schedule}; blank means {@link #DEFAULT_SCHEDULE}
     * @param timezone {@code spec.timezone}, a tz database name; blank means {@link #DEFAULT_ZONE}
     * @return the schedule, or empty when a problem naming the field was added
     */
    public static Optional<PingSchedule> parse(String schedule, String timezone, List<String> problems) {
        String expression = schedule == null || schedule.isBlank() ? DEFAULT_SCHEDULE : schedule.trim();
        ZoneId zone = DEFAULT_ZONE;
        if (timezone != null && !timezone.isBlank()) {
            try {
                zone = ZoneId.of(timezone.trim());
            } catch (DateTimeException e) {
                problems.add("spec.timezone: \"" + timezone + "\" is not a time zone of the tz database"
                        + " (e.g. Etc/UTC, Europe/Berlin)");
                zone = null;
            }
        }
        Cron cron = null;
        if (expression.split("\\s+").length != 5) {
            problems.add("spec.schedule: \"" + schedule + "\" is not a 5-field cron expression"
                    + " (minute hour day-of-month month day-of-week, e.g. \"*/5 * * * *\")");
        } else {
            try {
                cron = UNIX.parse(expression).validate();
            } catch (IllegalArgumentException e) {
                problems.add("spec.schedule: \"" + schedule + "\" is not a valid cron expression: " + e.getMessage());
            }
        }
        return cron == null || zone == null ? Optional.empty() : Optional.of(new PingSchedule(expression, zone, cron));
    }

    /** The first execution strictly after {@code after}; empty for a schedule that never comes (30 February). */
    public Optional<Instant> next(Instant after) {
        return executions.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return "\"" + expression + "\" in " + zone;
    }
}
