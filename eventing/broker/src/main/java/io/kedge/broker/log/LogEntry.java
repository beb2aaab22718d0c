package io.kedge.broker.log;

import io.cloudevents.CloudEvent;
import io.kedge.broker.route.BrokerKey;

/**
 * An accepted event waiting for dispatch. The event carries the broker's extensions
 * ({@code knativearrivaltime}, {@code knativebrokerttl}).
 *
 * @param sequence increasing per log, so a durable log can name what was acknowledged
 */
public record LogEntry(long sequence, BrokerKey broker, CloudEvent event) {
}
