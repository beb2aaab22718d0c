package io.kedge.aggregate.window;

import java.util.List;

/**
 * What one event did to one device's windows.
 *
 * @param after    the device's windows afterwards
 * @param accepted the samples taken into a window
 * @param late     metrics whose value was dropped as late
 * @param closed   windows that closed, oldest first per metric
 */
public record Step(DeviceWindows after, List<Accepted> accepted, List<Metric> late, List<Closed> closed) {

    public Step {
        accepted = List.copyOf(accepted);
        late = List.copyOf(late);
        closed = List.copyOf(closed);
    }

    /** Whether anything must be stored. */
    public boolean changed() {
        return !accepted.isEmpty() || !closed.isEmpty();
    }

    public record Accepted(Metric metric, Sample sample) {
    }

    public record Closed(Metric metric, Window window) {
    }
}
