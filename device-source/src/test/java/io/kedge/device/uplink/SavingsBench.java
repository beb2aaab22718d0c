package io.kedge.device.uplink;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.contract.data.Summary;
import io.kedge.contract.fixtures.Readings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Bytes the uplink puts on the wire for {@code devices} DHT11s sampled at {@code hz} for
 * {@code hours}: every reading sent upstream, against two 1-minute summaries (temperature,
 * humidity) per device and minute. Each event counts as {@code HttpEventSender} sends it: the
 * HTTP/1.1 request line, the JDK client's headers (Host, Content-Length, User-Agent), the binary-mode
 * {@code ce-} headers (with the {@code knativearrivaltime} the edge broker stamps) and the body.
 * TCP/IP and TLS overheads are left out (they would add about the same per event to both).
 *
 * <p>Run: {@code SavingsBench [devices] [hz] [hours] [upstream-url]}, defaults 10 1 1
 * {@code http://kedge-cloud:8080/kedge/default}.
 */
public final class SavingsBench {

    private static final Logger LOG = Logger.getLogger(SavingsBench.class);
    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    private static final String USER_AGENT = "Java-http-client/" + System.getProperty("java.version");

    /** Bytes of one run: raw readings against summaries. */
    public record Result(long readings, long readingBytes, long summaries, long summaryBytes) {

        public double ratio() {
            return (double) readingBytes / summaryBytes;
        }
    }

    public static void main(String[] args) {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        double hz = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        double hours = args.length > 2 ? Double.parseDouble(args[2]) : 1;
        URI upstream = URI.create(args.length > 3 ? args[3] : "http://kedge-cloud:8080/kedge/default");
        LOG.info(report(devices, hz, hours, run(devices, hz, hours, upstream)));
    }

    public static Result run(int devices, double hz, double hours, URI upstream) {
        long seconds = Math.round(hours * 3600);
        long samples = Math.round(seconds * hz);
        long minutes = seconds / 60;
        long readings = 0;
        long readingBytes = 0;
        long summaries = 0;
        long summaryBytes = 0;
        for (int d = 0; d < devices; d++) {
            String device = String.format(Locale.ROOT, "pi-%02d", d);
            for (long i = 0; i < samples; i++) {
                Instant at = START.plusNanos(Math.round(i * 1e9 / hz));
                readingBytes += wireBytes(arrived(ReadingEvents.of(Readings.dht11(device, "room-" + d,
                        20 + (i % 50) / 10.0, 40 + (i % 20), at.toString())), at), upstream);
                readings++;
            }
            for (long m = 0; m < minutes; m++) {
                for (String metric : new String[] {"temperature", "humidity"}) {
                    summaryBytes += wireBytes(summary(device, "room-" + d, metric, START.plusSeconds(60 * m),
                            (int) Math.round(60 * hz)), upstream);
                    summaries++;
                }
            }
        }
        return new Result(readings, readingBytes, summaries, summaryBytes);
    }

    /** Bytes of the HTTP/1.1 request that posts {@code event} to {@code upstream} in binary mode. */
    public static long wireBytes(CloudEvent event, URI upstream) {
        HttpMessage message = CloudEventHttp.binary(event);
        String path = upstream.getRawPath() + (upstream.getRawQuery() == null ? "" : "?" + upstream.getRawQuery());
        long bytes = ascii("POST " + path + " HTTP/1.1\r\n");
        bytes += header("Content-Length", String.valueOf(message.body().length));
        bytes += header("Host", upstream.getPort() < 0 ? upstream.getHost() : upstream.getHost() + ":" + upstream.getPort());
        bytes += header("User-Agent", USER_AGENT);
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            bytes += header(header.getKey(), header.getValue());
        }
        return bytes + 2 + message.body().length;
    }

    static String report(int devices, double hz, double hours, Result result) {
        return String.format(Locale.ROOT, "%d devices at %s Hz for %s h upstream: raw readings %d events, %s;"
                        + " 1-minute summaries %d events, %s; ratio %.1f : 1 (%.1f%% of the bytes)",
                devices, hz, hours, result.readings(), megabytes(result.readingBytes()), result.summaries(),
                megabytes(result.summaryBytes()), result.ratio(), 100.0 * result.summaryBytes() / result.readingBytes());
    }

    /** What the aggregate function emits for one device, metric and minute, as the edge broker delivers it. */
    private static CloudEvent summary(String device, String location, String metric, Instant start, int count) {
        Instant end = start.plusSeconds(60);
        Summary summary = new Summary(device, location, metric, "PT1M", start.toString(), end.toString(), count,
                20.0, 23.0, 21.4833, 21.0, end.minusSeconds(1).toString());
        return arrived(CloudEventBuilder.v1()
                .withId(device + "/" + metric + "/PT1M/" + start)
                .withSource(URI.create("/functions/aggregate"))
                .withType(EventTypes.SUMMARY)
                .withSubject(device)
                .withTime(start.atOffset(ZoneOffset.UTC))
                .withExtension("metric", metric)
                .withExtension("window", "PT1M")
                .withDataContentType("application/json")
                .withData(EventData.toJson(summary))
                .build(), end.plusMillis(150));
    }

    /** The event as the edge broker hands it to the uplink: stamped with its arrival time. */
    private static CloudEvent arrived(CloudEvent event, Instant at) {
        return CloudEventBuilder.from(event).withExtension("knativearrivaltime", at.plusMillis(37).atOffset(ZoneOffset.UTC))
                .build();
    }

    private static long header(String name, String value) {
        return ascii(name + ": " + value + "\r\n");
    }

    private static long ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%d bytes (%.2f MB)", bytes, bytes / 1e6);
    }

    private SavingsBench() {
    }
}
