package io.kedge.broker.ping;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * A validated PingSource: what it sends, when and where.
 *
 * @param contentType {@code spec.contentType}, or null
 * @param data        {@code spec.data} as UTF-8 or {@code spec.dataBase64} decoded, or null for no data
 * @param extensions  {@code spec.ceOverrides.extensions}
 */
public record PingSourceRoute(String namespace, String name, PingSchedule schedule, String contentType, byte[] data,
                              Map<String, String> extensions, PingSink sink, Path file) {

    /** Knative's type of every PingSource event. */
    public static final String TYPE = "dev.knative.sources.ping";

    public PingSourceRoute {
        extensions = Map.copyOf(extensions);
    }

    /** {@code /apis/v1/namespaces/<ns>/pingsources/<name>}, as Knative's adapter sets it. */
    public URI source() {
        return URI.create("/apis/v1/namespaces/" + namespace + "/pingsources/" + name);
    }

    /** The event of the tick scheduled at {@code scheduled}: a new id, the scheduled time, the configured data. */
    public CloudEvent tick(Instant scheduled) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(source())
                .withType(TYPE)
                .withTime(scheduled.atOffset(ZoneOffset.UTC));
        extensions.forEach(event::withExtension);
        if (data != null) {
            event.withData(contentType, data);
        } else if (contentType != null) {
            event.withDataContentType(contentType);
        }
        return event.build();
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
