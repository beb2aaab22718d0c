package io.kedge.aggregate.state;

import java.time.Instant;
import java.util.List;

/**
 * What one event changed, stored in one write.
 *
 * @param tick the tick's time and cause when the event was a tick that moved the ticks'
 *             watermark, else {@code null}
 */
public record Changes(List<StoredSample> samples, List<StoredSummary> summaries, Tick tick) {

    public Changes {
        samples = List.copyOf(samples);
        summaries = List.copyOf(summaries);
    }

    public boolean isEmpty() {
        return samples.isEmpty() && summaries.isEmpty() && tick == null;
    }

    public record Tick(Instant time, String cause) {
    }
}
