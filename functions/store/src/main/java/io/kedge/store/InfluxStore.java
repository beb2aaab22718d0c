package io.kedge.store;

import com.influxdb.client.write.Point;
import io.kedge.contract.data.Alert;
import io.kedge.contract.data.RejectedReading;
import io.kedge.contract.data.Summary;
import io.kedge.contract.data.ValidatedReading;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Stores validated readings, rejected readings, alert events and summaries in InfluxDB, never
 * acknowledging what is not stored: each future completes only once InfluxDB has stored the
 * point, or exceptionally with the reason it did not. Concurrent points share writes
 * ({@link GroupCommit}). Summaries go to a database of their own with a long retention
 * ({@link SummarySettings}), so they have their own writer and group commit: one write carries
 * points of one database.
 *
 * <p>Plain Java: the Quarkus functions only adapt it, so any process can host it.
 */
public final class InfluxStore implements AutoCloseable {

    private final InfluxSettings settings;
    private final ReadingPoints readings;
    private final AlertPoints alerts = new AlertPoints();
    private final RejectedPoints rejections = new RejectedPoints();
    private final SummaryPoints summaries;
    private final InfluxSettings summarySettings;
    private final InfluxWriter writer;
    private final GroupCommit commits;
    private final InfluxWriter summaryWriter;
    private final GroupCommit summaryCommits;

    private InfluxStore(InfluxSettings settings, BatchSettings batch, SummarySettings summaryTarget) {
        this.settings = settings;
        this.readings = new ReadingPoints(settings.measurement());
        this.summarySettings = summaryTarget.on(settings);
        this.summaries = new SummaryPoints(summarySettings.measurement());
        this.writer = InfluxWriter.open(settings);
        this.commits = new GroupCommit(writer::write, batch);
        this.summaryWriter = InfluxWriter.open(summarySettings);
        this.summaryCommits = new GroupCommit(summaryWriter::write, batch);
    }

    /**
     * A store for {@code settings}, summaries as {@code summaries} says; connects lazily, so it
     * opens even when InfluxDB is down.
     */
    public static InfluxStore open(InfluxSettings settings, BatchSettings batch, SummarySettings summaries) {
        return new InfluxStore(settings, batch, summaries);
    }

    public static InfluxStore open(InfluxSettings settings, BatchSettings batch) {
        return open(settings, batch, SummarySettings.DEFAULTS);
    }

    public static InfluxStore open(InfluxSettings settings) {
        return open(settings, BatchSettings.DEFAULTS);
    }

    /**
     * Creates the 1.x databases and retention policies (readings', summaries') now if InfluxDB is
     * reachable, else on the first write to each.
     */
    public void prepare() {
        writer.prepare();
        summaryWriter.prepare();
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

    /**
     * Stores {@code rejected} as one point of measurement {@code rejected_readings}, at {@code at};
     * fails as {@link #store(ValidatedReading)}.
     *
     * @param at the rejection event's time, {@code null} when it has none (refused: no idempotent point)
     */
    public CompletableFuture<Void> store(RejectedReading rejected, Instant at) {
        return submit(commits, () -> rejections.toPoint(rejected, at));
    }

    /**
     * Stores {@code summary} in the summaries' database and measurement; fails as
     * {@link #store(ValidatedReading)}.
     */
    public CompletableFuture<Void> store(Summary summary) {
        return submit(summaryCommits, () -> summaries.toPoint(summary));
    }

    /** Blocking {@link #store(ValidatedReading)}: returns once stored, or throws its failure. */
    public void storeNow(ValidatedReading reading) {
        join(store(reading));
    }

    /** Blocking {@link #store(Alert, AlertState)}. */
    public void storeNow(Alert alert, AlertState state) {
        join(store(alert, state));
    }

    /** Blocking {@link #store(RejectedReading, Instant)}. */
    public void storeNow(RejectedReading rejected, Instant at) {
        join(store(rejected, at));
    }

    /** Blocking {@link #store(Summary)}. */
    public void storeNow(Summary summary) {
        join(store(summary));
    }

    private CompletableFuture<Void> submit(Supplier<Point> point) {
        return submit(commits, point);
    }

    private static CompletableFuture<Void> submit(GroupCommit target, Supplier<Point> point) {
        String record;
        try {
            // serialised here, on the request's thread, so that the writers only send
            record = point.get().toLineProtocol();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return target.submit(record);
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

    /** Where summaries go: the readings' server with the summaries' database, measurement and policy. */
    public InfluxSettings summarySettings() {
        return summarySettings;
    }

    /** Writes what is queued, then closes the clients. */
    @Override
    public void close() {
        commits.close();
        summaryCommits.close();
        writer.close();
        summaryWriter.close();
    }
}
