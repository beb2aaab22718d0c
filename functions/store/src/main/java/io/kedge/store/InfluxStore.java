package io.kedge.store;

import com.influxdb.client.write.Point;
import io.kedge.contract.data.Alert;
import io.kedge.contract.data.ValidatedReading;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Stores validated readings and alert events in InfluxDB, never acknowledging what is not stored:
 * each future completes only once InfluxDB has stored the point, or exceptionally with the
 * reason it did not. Concurrent points share writes ({@link GroupCommit}).
 *
 * <p>Plain Java: the Quarkus functions only adapt it, so any process can host it.
 */
public final class InfluxStore implements AutoCloseable {

    private final InfluxSettings settings;
    private final ReadingPoints readings;
    private final AlertPoints alerts = new AlertPoints();
    private final InfluxWriter writer;
    private final GroupCommit commits;

    private InfluxStore(InfluxSettings settings, BatchSettings batch) {
        this.settings = settings;
        this.readings = new ReadingPoints(settings.measurement());
        this.writer = InfluxWriter.open(settings);
        this.commits = new GroupCommit(writer::write, batch);
    }

    /** A store for {@code settings}; connects lazily, so it opens even when InfluxDB is down. */
    public static InfluxStore open(InfluxSettings settings, BatchSettings batch) {
        return new InfluxStore(settings, batch);
    }

    public static InfluxStore open(InfluxSettings settings) {
        return open(settings, BatchSettings.DEFAULTS);
    }

    /** Creates the 1.x database and retention policy now if InfluxDB is reachable, else on the first write. */
    public void prepare() {
        writer.prepare();
    }

    /**
     * Stores {@code reading} as one point.
     *
     * @return completes once stored; fails with {@link InvalidDataException} when the reading
     *         cannot become an exact point, {@link StoreUnavailableException} when InfluxDB cannot
     *         store it now, {@link StoreRejectedException} when InfluxDB refuses it for good
     */
    public CompletableFuture<Void> store(ValidatedReading reading) {
        return submit(() -> readings.toPoint(reading));
    }

    /** Stores {@code alert} as one point of measurement {@code alerts}; fails as {@link #store(ValidatedReading)}. */
    public CompletableFuture<Void> store(Alert alert, AlertState state) {
        return submit(() -> alerts.toPoint(alert, state));
    }

    /** Blocking {@link #store(ValidatedReading)}: returns once stored, or throws its failure. */
    public void storeNow(ValidatedReading reading) {
        join(store(reading));
    }

    /** Blocking {@link #store(Alert, AlertState)}. */
    public void storeNow(Alert alert, AlertState state) {
        join(store(alert, state));
    }

    private CompletableFuture<Void> submit(Supplier<Point> point) {
        String record;
        try {
            // serialised here, on the request's thread, so that the writers only send
            record = point.get().toLineProtocol();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return commits.submit(record);
    }

    private static void join(CompletableFuture<Void> stored) {
        try {
            stored.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Writes sent to InfluxDB so far (a measure of how well requests were coalesced). */
    public long writes() {
        return commits.writes();
    }

    public InfluxSettings settings() {
        return settings;
    }

    /** Writes what is queued, then closes the client. */
    @Override
    public void close() {
        commits.close();
        writer.close();
    }
}
