package io.kedge.device.forward;

import io.cloudevents.CloudEvent;

/**
 * One event in the {@link DurableBuffer}.
 *
 * @param sequence its place in the buffer: delivery order
 * @param event    the event as offered
 * @param size     bytes it takes in the buffer
 */
public record BufferedEvent(long sequence, CloudEvent event, int size) {
}
