package io.kedge.alert.state;

import io.kedge.alert.rules.SeriesState;
import java.util.Map;

/** Everything the rules need to carry on: last-seen per device and the state of every series. */
public record Snapshot(Map<String, DeviceSeen> devices, Map<SeriesKey, SeriesState> series) {

    public Snapshot {
        devices = Map.copyOf(devices);
        series = Map.copyOf(series);
    }
}
