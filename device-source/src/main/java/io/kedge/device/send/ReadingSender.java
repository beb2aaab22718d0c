package io.kedge.device.send;

import io.kedge.contract.data.Reading;

/**
 * Delivers one reading to wherever events go (a Knative broker, the local broker, a bridge).
 * Implementations do not retry: they say whether retrying could help, and the forwarder decides.
 */
public interface ReadingSender {

    SendOutcome send(Reading reading);

    /** Where readings go, for log lines and {@code /status}. */
    String target();
}
