package io.kedge.broker.dlq;

import io.cloudevents.CloudEvent;
import io.kedge.broker.log.EventCodec;
import io.kedge.broker.route.BrokerKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * An event a Trigger gave up on, kept in the broker's local dead-letter queue until it is replayed.
 *
 * @param id       0 until stored; then its key, never reused
 * @param trigger  {@code namespace/name} of the Trigger it failed for
 * @param event    the event as stored at the ingress (arrival time and TTL included)
 * @param failure  why the last attempt failed
 * @param attempts attempts made in all, over the first delivery and every replay
 * @param replays  how often it was replayed and failed again
 * @param firstFailedAt when it was first dead-lettered
 */
public record DeadLetter(long id, String trigger, BrokerKey broker, CloudEvent event, Failure failure, int attempts,
                         int replays, Instant firstFailedAt) {

    private static final byte VERSION = 1;

    /**
     * The last failure.
     *
     * @param status      HTTP status, 0 when there was no response
     * @param reason      a short text: the answer's start, the transport error, or why a 2xx did not count
     * @param body        the start of the last answer's body (at most {@link #MAX_BODY} bytes, as text)
     * @param destination the URL that failed
     */
    public record Failure(int status, String reason, String body, String destination, Instant failedAt) {

        public static final int MAX_BODY = 1024;

        public String statusText() {
            return status == 0 ? "no response" : String.valueOf(status);
        }
    }

    public DeadLetter withId(long newId) {
        return new DeadLetter(newId, trigger, broker, event, failure, attempts, replays, firstFailedAt);
    }

    /**
     * This dead letter replayed and failed again: the new failure, the attempts added, one more replay.
     */
    public DeadLetter failedAgain(Failure again, int moreAttempts) {
        return new DeadLetter(id, trigger, broker, event, again, attempts + moreAttempts, replays + 1, firstFailedAt);
    }

    /** The stored form; the id is the key, not part of it. */
    public byte[] encode() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(VERSION);
            EventCodec.writeString(out, trigger);
            EventCodec.writeString(out, broker.namespace());
            EventCodec.writeString(out, broker.name());
            out.writeInt(failure.status());
            EventCodec.writeString(out, failure.reason());
            EventCodec.writeString(out, failure.body());
            EventCodec.writeString(out, failure.destination());
            out.writeLong(failure.failedAt().toEpochMilli());
            out.writeInt(attempts);
            out.writeInt(replays);
            out.writeLong(firstFailedAt.toEpochMilli());
            EventCodec.write(out, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    public static DeadLetter decode(long id, byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IOException("format version " + version + ", this broker reads " + VERSION);
            }
            String trigger = EventCodec.readString(in);
            BrokerKey broker = new BrokerKey(EventCodec.readString(in), EventCodec.readString(in));
            Failure failure = new Failure(in.readInt(), EventCodec.readString(in), EventCodec.readString(in),
                    EventCodec.readString(in), Instant.ofEpochMilli(in.readLong()));
            int attempts = in.readInt();
            int replays = in.readInt();
            Instant first = Instant.ofEpochMilli(in.readLong());
            return new DeadLetter(id, trigger, broker, EventCodec.read(in), failure, attempts, replays, first);
        } catch (IOException e) {
            throw new UncheckedIOException("dead letter " + id + " is unreadable", e);
        }
    }
}
