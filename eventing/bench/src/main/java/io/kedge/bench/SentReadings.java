package io.kedge.bench;

/**
 * The readings a benchmark sent, as the alert subscriber looks them up: a fired alert by its
 * device (the event's subject), a validated reading by the reading's id. Both the alert benchmark
 * and the end-to-end benchmark send readings that fire.
 */
interface SentReadings {

    /** The reading with this id, or null when it is not one of this run's. */
    AlertLoad.Sent reading(String readingId);

    /** The firing reading of {@code device}, or null when the device is not one of this run's firing devices. */
    AlertLoad.Sent firingReading(String device);
}
