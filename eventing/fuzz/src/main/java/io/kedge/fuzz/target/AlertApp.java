package io.kedge.fuzz.target;

import io.kedge.fuzz.oracle.Finding;
import io.kedge.testkit.AppProcess;
import io.kedge.testkit.InfluxServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert function as both of its targets run it ({@link AlertTarget} for events,
 * {@link GrafanaTarget} for the webhook): state in an InfluxDB of its own, {@code K_SINK} a
 * {@link RecordingSink}, files in a work directory removed on close.
 */
final class AlertApp implements AutoCloseable {

    final InfluxServer influx;
    final RecordingSink sink;
    final AppProcess process;
    private final Path work;

    private AlertApp(Path work, InfluxServer influx, RecordingSink sink, AppProcess process) {
        this.work = work;
        this.influx = influx;
        this.sink = sink;
        this.process = process;
    }

    /** @param environment what the target configures beyond the InfluxDB URL and K_SINK */
    static AlertApp start(String target, Map<String, String> environment) {
        Path work = Apps.workDir(target);
        InfluxServer influx = InfluxServer.start();
        RecordingSink sink = RecordingSink.start();
        try {
            Map<String, String> all = new HashMap<>(environment);
            all.put("KEDGE_ALERT_INFLUX_URL", influx.url());
            all.put("K_SINK", sink.url());
            return new AlertApp(work, influx, sink, Apps.start("alert", "functions/alert", work, all));
        } catch (RuntimeException e) {
            sink.close();
            influx.close();
            Apps.deleteRecursively(work);
            throw e;
        }
    }

    /** The finding when the function no longer runs: nothing else can be read then. */
    Finding died() {
        return Finding.of(Finding.Kind.DIED, "alert is not running or not ready; log: %s", process.logTail());
    }

    /** Whatever entry was fuzzed, the function may send K_SINK nothing but CloudEvents. */
    List<Finding> sinkProblems() {
        if (sink.invalidCount() == 0) {
            return List.of();
        }
        return List.of(Finding.of(Finding.Kind.BAD_REPLY, "sent %d requests to K_SINK that are no valid CloudEvent, e.g. %s",
                sink.invalidCount(), sink.invalidSamples().stream().limit(3).toList()));
    }

    boolean alive() {
        return Apps.healthy(process);
    }

    long rssBytes() {
        return Apps.rssBytes(process.pid());
    }

    int port() {
        return process.port();
    }

    @Override
    public void close() {
        Targets.closeAll(List.of(process, sink, influx));
        Apps.deleteRecursively(work);
    }
}
