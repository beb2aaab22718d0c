package io.kedge.broker.log;

import io.cloudevents.CloudEvent;
import io.kedge.broker.route.BrokerKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An accepted event and the broker it entered. The event carries the broker's extensions
 * ({@code knativearrivaltime}, {@code knativebrokerttl}).
 *
 * @param sequence its key in the store, increasing; 0 for an event no Trigger matched, which is not stored
 */
public record LogEntry(long sequence, BrokerKey broker, CloudEvent event) {

    /** The stored form: broker namespace and name, then the event ({@link EventCodec}). */
    public static byte[] encode(BrokerKey broker, CloudEvent event) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            EventCodec.writeString(out, broker.namespace());
            EventCodec.writeString(out, broker.name());
            EventCodec.write(out, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    public static LogEntry decode(long sequence, byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            BrokerKey broker = new BrokerKey(EventCodec.readString(in), EventCodec.readString(in));
            return new LogEntry(sequence, broker, EventCodec.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("stored event " + sequence + " is unreadable", e);
        }
    }
}
