package io.kedge.aggregate.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a new instance needs to carry on exactly where the last one stopped.
 *
 * @param tickWatermark   the latest tick's time, or {@code null}
 * @param lastSampleTimes per series, the latest stored sample time (the devices' watermarks)
 * @param closedThrough   per series, the end of the latest closed window
 * @param openSamples     the samples of windows not closed yet
 * @param recent          summaries closed within the redelivery horizon, to announce again
 */
public record Snapshot(Instant tickWatermark, Map<SeriesKey, Instant> lastSampleTimes, Map<SeriesKey, Instant> closedThrough,
                       List<StoredSample> openSamples, List<StoredSummary> recent) {

    public Snapshot {
        lastSampleTimes = Map.copyOf(lastSampleTimes);
        closedThrough = Map.copyOf(closedThrough);
        openSamples = List.copyOf(openSamples);
        recent = List.copyOf(recent);
    }
}
