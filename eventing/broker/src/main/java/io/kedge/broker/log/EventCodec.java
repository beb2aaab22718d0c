package io.kedge.broker.log;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * A CloudEvent as bytes for the store, and back. Each attribute keeps its type (an Integer
 * {@code knativebrokerttl} stays an Integer, the arrival time an {@code OffsetDateTime}), so the
 * event read back filters and encodes exactly as the one accepted. Binary CloudEvents mode would
 * flatten every extension to a string, and JSON would cost a parse per delivery.
 *
 * <p>Layout: version byte, spec version, attribute count, then per attribute its name, a type tag
 * and the value; then the data length (-1 for none) and the data bytes.
 */
public final class EventCodec {

    private static final byte VERSION = 1;
    private static final byte STRING = 'S';
    private static final byte URI_VALUE = 'U';
    private static final byte TIME = 'T';
    private static final byte INTEGER = 'I';
    private static final byte BOOLEAN = 'Z';
    private static final byte BYTES = 'B';

    public static byte[] encode(CloudEvent event) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            write(out, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return buffer.toByteArray();
    }

    /** Writes {@code event} in this codec's layout; other records embed events this way. */
    public static void write(DataOutputStream out, CloudEvent event) throws IOException {
        out.writeByte(VERSION);
        writeString(out, event.getSpecVersion().toString());
        int count = 0;
        for (String name : event.getAttributeNames()) {
            if (!name.equals("specversion") && event.getAttribute(name) != null) {
                count++;
            }
        }
        count += event.getExtensionNames().size();
        out.writeInt(count);
        for (String name : event.getAttributeNames()) {
            if (!name.equals("specversion") && event.getAttribute(name) != null) {
                writeAttribute(out, name, event.getAttribute(name));
            }
        }
        for (String name : event.getExtensionNames()) {
            writeAttribute(out, name, event.getExtension(name));
        }
        if (event.getData() == null) {
            out.writeInt(-1);
        } else {
            byte[] data = event.getData().toBytes();
            out.writeInt(data.length);
            out.write(data);
        }
    }

    public static CloudEvent decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored event is unreadable", e);
        }
    }

    /** Reads an event written by {@link #write}. */
    public static CloudEvent read(DataInputStream in) throws IOException {
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("stored event has format version " + version + ", this broker reads " + VERSION);
        }
        CloudEventBuilder builder = CloudEventBuilder.fromSpecVersion(SpecVersion.parse(readString(in)));
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String name = readString(in);
            byte tag = in.readByte();
            switch (tag) {
                case STRING -> builder.withContextAttribute(name, readString(in));
                case URI_VALUE -> builder.withContextAttribute(name, URI.create(readString(in)));
                case TIME -> builder.withContextAttribute(name, OffsetDateTime.parse(readString(in)));
                case INTEGER -> builder.withContextAttribute(name, in.readInt());
                case BOOLEAN -> builder.withContextAttribute(name, in.readBoolean());
                case BYTES -> builder.withContextAttribute(name, readBytes(in));
                default -> throw new IOException("stored attribute " + name + " has unknown type tag " + tag);
            }
        }
        int length = in.readInt();
        if (length >= 0) {
            builder.withData(in.readNBytes(length));
        }
        return builder.build();
    }

    private static void writeAttribute(DataOutputStream out, String name, Object value) throws IOException {
        writeString(out, name);
        if (value instanceof Integer number) {
            out.writeByte(INTEGER);
            out.writeInt(number);
        } else if (value instanceof Boolean flag) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(flag);
        } else if (value instanceof URI uri) {
            out.writeByte(URI_VALUE);
            writeString(out, uri.toString());
        } else if (value instanceof OffsetDateTime time) {
            out.writeByte(TIME);
            writeString(out, time.toString());
        } else if (value instanceof byte[] bytes) {
            out.writeByte(BYTES);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else {
            out.writeByte(STRING);
            writeString(out, String.valueOf(value));
        }
    }

    /** Length-prefixed UTF-8: unlike {@code writeUTF}, not limited to 64 KiB. */
    public static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative length " + length + " in a stored record");
        }
        return in.readNBytes(length);
    }

    private EventCodec() {
    }
}
