package io.kedge.aggregate;

import io.kedge.aggregate.engine.AggregateEngine;
import io.kedge.aggregate.out.HttpSummarySink;
import io.kedge.aggregate.out.SummarySink;
import io.kedge.aggregate.state.InfluxWindowStore;
import io.kedge.aggregate.state.Snapshot;
import io.kedge.aggregate.state.WindowStore;
import io.kedge.aggregate.window.WindowSpec;
import io.kedge.functions.support.StateUnavailableException;
import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Builds the plain parts from {@link AggregateConfig}, and reads the stored windows on start. */
@ApplicationScoped
public class AggregateProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** An invalid window, grace or retention stops the start, naming the key. */
    @Produces
    @Singleton
    WindowSpec windowSpec(AggregateConfig config) {
        WindowSpec spec = new WindowSpec(config.window(), config.grace());
        Duration retention = config.influx().retention();
        Duration needed = spec.size().plus(spec.grace()).plus(AggregateEngine.REDELIVERY_HORIZON);
        if (retention.compareTo(needed) < 0 || retention.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("kedge.aggregate.influx.retention " + retention + " must be whole seconds and"
                    + " at least the window plus grace plus the redelivery horizon of " + AggregateEngine.REDELIVERY_HORIZON
                    + ": " + needed);
        }
        return spec;
    }

    @Produces
    @Singleton
    WindowStore store(AggregateConfig config) {
        AggregateConfig.Influx influx = config.influx();
        return new InfluxWindowStore(new InfluxWindowStore.Settings(influx.url(), influx.database(), influx.retentionPolicy(),
                influx.retention(), influx.username(), influx.password(), influx.timeout()));
    }

    @Produces
    @Singleton
    AggregateEngine engine(WindowSpec spec, WindowStore store, Clock clock) {
        return new AggregateEngine(spec, store, clock);
    }

    @Produces
    @Singleton
    SummarySink sink(AggregateConfig config) {
        return config.sink().<SummarySink>map(uri -> new HttpSummarySink(uri, config.sinkTimeout())).orElseGet(SummarySink::none);
    }

    /**
     * Reads the windows now, so the first event does not wait for them. InfluxDB may be down: the
     * function starts anyway, stays unready, and reads them with the first event or probe.
     */
    void onStart(@Observes StartupEvent start, AggregateEngine engine, WindowStore store, SummarySink sink) {
        Log.infof("aggregate windows of %s with grace %s, stored in %s; extra summaries to %s", engine.spec().size(),
                engine.spec().grace(), store,
                sink.configured() ? sink : "nowhere (K_SINK unset: one summary per event, as the reply)");
        try {
            Snapshot snapshot = engine.load();
            if (snapshot != null) {
                Log.infof("aggregate windows read: %d device(s), %d open window(s), ticks up to %s",
                        engine.deviceCount(), engine.openWindows(), snapshot.tickWatermark());
            }
        } catch (StateUnavailableException e) {
            Log.warnf("aggregate windows not read yet, will retry with the first event: %s", e.getMessage());
        }
    }
}
