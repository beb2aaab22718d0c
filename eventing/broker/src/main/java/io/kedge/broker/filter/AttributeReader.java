package io.kedge.broker.filter;

import io.cloudevents.CloudEvent;

/**
 * Reads one attribute of an event as the string filters compare. Chosen once per filter when the
 * manifests load, so that evaluating an event does no lookup by name.
 */
@FunctionalInterface
interface AttributeReader {

    /** The attribute's canonical string, or {@code null} when the event has no such attribute. */
    String read(CloudEvent event);
}
