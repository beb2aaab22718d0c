package io.kedge.store.function;

import io.kedge.store.InfluxSettings;
import io.kedge.store.InfluxStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the one {@link InfluxStore} of the app from {@link StoreConfig} and prepares InfluxDB on start. */
@ApplicationScoped
public class StoreProducer {

    @Produces
    @Singleton
    InfluxStore influxStore(StoreConfig config) {
        StoreConfig.Influx influx = config.influx();
        return InfluxStore.open(new InfluxSettings(
                influx.url(),
                influx.api(),
                influx.database(),
                influx.measurement(),
                influx.retention().name(),
                influx.retention().duration(),
                influx.username(),
                influx.password(),
                influx.token(),
                influx.org(),
                influx.bucket(),
                influx.writeTimeout()),
                config.batch().settings(),
                config.summaries().settings());
    }

    /** Writes what is still queued before the client closes. */
    void close(@Disposes InfluxStore store) {
        store.close();
    }

    void prepareOnStart(@Observes StartupEvent start, InfluxStore store) {
        store.prepare();
    }
}
