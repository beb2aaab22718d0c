package io.kedge.device.mqtt;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.ReadingEvents;
import io.kedge.contract.Sources;
import io.kedge.contract.data.RejectedReading;
import io.kedge.contract.data.Violation;
import io.kedge.device.forward.Forwarder;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The MQTT side of the device: each gateway message becomes an {@code io.kedge.reading.v1} event,
 * or, when it cannot be a reading, an {@code io.kedge.reading.rejected.v1} event carrying the
 * payload and every reason, and either way goes into the durable forwarder. The returned stage
 * completes when the event is on disk: only then may the MQTT message be acknowledged, so a crash
 * before that makes the MQTT broker send it again instead of losing it.
 *
 * <p>A malformed payload is counted and reported, never thrown: one bad gateway must not stop the
 * bridge for the others.
 */
public final class MqttBridge {

    /** Every how many malformed messages a WARN is logged (the others at DEBUG). */
    static final int WARN_EVERY = 100;
    /** A mapped reading the contract still cannot turn into an event (e.g. a device id no source can hold). */
    public static final String NOT_AN_EVENT = "not_an_event";
    private static final Logger LOG = Logger.getLogger(MqttBridge.class);

    private final ReadingMapper mapper;
    private final Forwarder forwarder;
    private final Clock clock;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong notKept = new AtomicLong();

    public MqttBridge(ReadingMapper mapper, Forwarder forwarder, Clock clock) {
        this.mapper = mapper;
        this.forwarder = forwarder;
        this.clock = clock;
    }

    /**
     * Maps and forwards one message.
     *
     * @return completes once the resulting event is in the durable buffer; fails when it could not be kept
     */
    public CompletionStage<Void> handle(String topic, byte[] payload) {
        MappingResult result = mapper.map(topic, payload, clock.instant());
        CloudEvent event = null;
        if (result instanceof MappingResult.Mapped mapped) {
            try {
                event = ReadingEvents.of(mapped.reading());
                accepted.incrementAndGet();
            } catch (IllegalArgumentException e) {
                result = new MappingResult.Malformed(EventData.mapper().valueToTree(mapped.reading()),
                        List.of(new Violation(NOT_AN_EVENT, "", null, e.getMessage())), mapped.reading().deviceId());
            }
        }
        if (event == null) {
            MappingResult.Malformed malformed = (MappingResult.Malformed) result;
            event = rejection(topic, payload, malformed);
            long count = rejected.incrementAndGet();
            String reasons = malformed.violations().stream().map(Violation::message).collect(Collectors.joining("; "));
            if (count % WARN_EVERY == 1) {
                LOG.warnf("event=mqtt_payload_rejected topic=%s count=%d reasons=\"%s\"; reported as %s",
                        topic, count, reasons, EventTypes.READING_REJECTED);
            } else {
                LOG.debugf("event=mqtt_payload_rejected topic=%s count=%d reasons=\"%s\"", topic, count, reasons);
            }
        }
        return forwarder.offer(event).whenComplete((kept, error) -> {
            if (error != null) {
                notKept.incrementAndGet();
            }
        });
    }

    /** @return messages that became readings, that were rejected, and that could not be kept (not acknowledged) */
    public Stats stats() {
        return new Stats(accepted.get(), rejected.get(), notKept.get());
    }

    public PayloadMapping mapping() {
        return mapper.mapping();
    }

    /**
     * The rejection event: source the device when it is known, else {@code /mqtt/<topic>}; id a
     * name-based UUID of topic and payload, so that the MQTT broker's redelivery of the same
     * message is the same event.
     */
    CloudEvent rejection(String topic, byte[] payload, MappingResult.Malformed malformed) {
        byte[] name = (topic + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] idName = new byte[name.length + payload.length];
        System.arraycopy(name, 0, idName, 0, name.length);
        System.arraycopy(payload, 0, idName, name.length, payload.length);
        return CloudEventBuilder.v1()
                .withId(UUID.nameUUIDFromBytes(idName).toString())
                .withSource(malformed.deviceId() != null ? Sources.device(malformed.deviceId()) : topicSource(topic))
                .withType(EventTypes.READING_REJECTED)
                .withSubject(topic)
                .withTime(clock.instant().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventData.toJson(new RejectedReading(malformed.original(), malformed.violations())))
                .build();
    }

    private static URI topicSource(String topic) {
        try {
            return new URI(null, null, "/mqtt/" + topic, null);
        } catch (URISyntaxException e) {
            return URI.create("/mqtt");
        }
    }

    /**
     * @param accepted messages that became reading events
     * @param rejected messages reported as rejected events
     * @param notKept  messages whose event the buffer did not take; left unacknowledged for redelivery
     */
    public record Stats(long accepted, long rejected, long notKept) {
    }
}
