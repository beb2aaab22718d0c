package io.kedge.device;

/**
 * The periodic summary line: totals with the change since the previous line, so that a log read
 * much later still shows the rate without one line per reading.
 */
public final class ProgressReport {

    private DeviceStatus previous = new DeviceStatus(0, 0, 0, 0, 0, 0, true);

    /** The line for {@code now}; remembers {@code now} as the base of the next line. */
    public synchronized String line(DeviceStatus now) {
        DeviceStatus before = previous;
        previous = now;
        return String.format("read %d (+%d), sent %d (+%d), read failures %d (+%d), buffered %d, dropped %d%s%s",
                now.read(), now.read() - before.read(),
                now.sent(), now.sent() - before.sent(),
                now.readFailures(), now.readFailures() - before.readFailures(),
                now.buffered(), now.dropped(),
                now.refused() == 0 ? "" : ", refused " + now.refused(),
                now.sinkUp() ? "" : ", sink down");
    }
}
