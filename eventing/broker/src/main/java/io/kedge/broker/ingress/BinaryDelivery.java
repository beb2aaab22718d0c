package io.kedge.broker.ingress;

import io.cloudevents.CloudEvent;
import java.util.Locale;

/**
 * What the broker can deliver. It delivers in binary mode, as Knative's broker does: the data is
 * the body and {@code datacontenttype} its Content-Type. A CloudEvents media type there
 * ({@code application/cloudevents+json}, {@code ...-batch+json}) tells every receiver that the
 * body is a structured event, so the subscriber would read the data as another event, or as none:
 * such an event is refused at the ingress instead of being dead-lettered later.
 */
public final class BinaryDelivery {

    private static final String CLOUDEVENTS_MEDIA_TYPES = "application/cloudevents";

    /** @throws RejectedEventException 400 when binary mode cannot carry {@code event} as itself */
    public static void requireDeliverable(CloudEvent event) {
        String contentType = event.getDataContentType();
        if (contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith(CLOUDEVENTS_MEDIA_TYPES)) {
            throw new RejectedEventException(400, "event " + event.getId() + " has datacontenttype \"" + contentType
                    + "\", a CloudEvents format: the broker delivers in binary mode, where that Content-Type makes"
                    + " every receiver read the data as a structured event, not as this event's data; send the"
                    + " inner event itself, or give the data its own media type");
        }
    }

    private BinaryDelivery() {
    }
}
