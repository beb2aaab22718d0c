package io.kedge.device.app;

import io.kedge.device.DeviceStatus;
import io.kedge.device.SensorPoller;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the poll loop keeps ticking. A sink that is down does not make the device unhealthy:
 * restarting it would not bring the sink back, and the readings wait on disk meanwhile.
 */
@Liveness
@Singleton
public class PollLoopHealthCheck implements HealthCheck {

    private final SensorPoller poller;
    private final DeviceRunner runner;
    private final Clock clock;

    PollLoopHealthCheck(SensorPoller poller, DeviceRunner runner, Clock clock) {
        this.poller = poller;
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        SensorPoller.PollStats stats = poller.stats();
        DeviceStatus status = runner.status();
        return HealthCheckResponse.named("poll-loop")
                .status(!runner.polls() || !stats.stalled(clock.instant(), runner.interval()))
                .withData("lastPoll", String.valueOf(stats.lastPoll()))
                .withData("sinkUp", status.sinkUp())
                .withData("buffered", status.buffered())
                .build();
    }
}
