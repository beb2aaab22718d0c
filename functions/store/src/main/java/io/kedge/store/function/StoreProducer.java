package io.kedge.store.function;

import io.kedge.store.InfluxSettings;
import io.kedge.store.ReadingStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the one {@link ReadingStore} of the app from {@link StoreConfig} and prepares InfluxDB on start. */
@ApplicationScoped
public class StoreProducer {

    @Produces
    @Singleton
    ReadingStore readingStore(StoreConfig config) {
        StoreConfig.Influx influx = config.influx();
        return ReadingStore.open(new InfluxSettings(
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
                influx.writeTimeout()));
    }

    void close(@Disposes ReadingStore store) {
        store.close();
    }

    void prepareOnStart(@Observes StartupEvent start, ReadingStore store) {
        store.prepare();
    }
}
