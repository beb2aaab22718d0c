package io.kedge.contract;

import java.util.List;

/**
 * The CloudEvent types of the Kedge contract. Reverse-DNS and versioned: a breaking change to a
 * payload gets a new type ({@code .v2}) so that old and new subscribers can run side by side.
 */
public final class EventTypes {

    /** One sensor reading, as a device or gateway reports it. */
    public static final String READING = "io.kedge.reading.v1";
    /** A reading that passed validation, normalised to °C / %RH / hPa. */
    public static final String READING_VALIDATED = "io.kedge.reading.validated.v1";
    /** A reading that failed validation, with the original payload and every violation. */
    public static final String READING_REJECTED = "io.kedge.reading.rejected.v1";
    /** An alert rule started firing for a device. */
    public static final String ALERT_FIRED = "io.kedge.alert.fired.v1";
    /** A firing alert cleared. */
    public static final String ALERT_RESOLVED = "io.kedge.alert.resolved.v1";
    /**
     * One device's one metric over one clock-aligned window of validated readings: count, min,
     * max, mean and last. What the edge sends upstream instead of every reading.
     */
    public static final String SUMMARY = "io.kedge.summary.v1";

    /** Every type the contract defines, in the order of the event flow. */
    public static final List<String> ALL = List.of(
            READING, READING_VALIDATED, READING_REJECTED, ALERT_FIRED, ALERT_RESOLVED, SUMMARY);

    private EventTypes() {
    }
}
