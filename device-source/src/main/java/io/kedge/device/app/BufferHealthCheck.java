package io.kedge.device.app;

import io.kedge.device.forward.StoreAndForward;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while readings can be kept: the buffer's file takes writes. */
@Readiness
@Singleton
public class BufferHealthCheck implements HealthCheck {

    private final StoreAndForward forwarder;

    BufferHealthCheck(StoreAndForward forwarder) {
        this.forwarder = forwarder;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("buffer")
                .status(forwarder.isHealthy())
                .withData("file", forwarder.buffer().file().toString())
                .withData("buffered", forwarder.stats().buffered())
                .build();
    }
}
