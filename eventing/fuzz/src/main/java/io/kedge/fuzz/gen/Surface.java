package io.kedge.fuzz.gen;

import java.util.List;

/**
 * What mutations need to know of a target: where it listens, its other paths, the largest body it
 * takes, the event types it handles.
 *
 * @param paths     other paths of the same server, for requests to the wrong place
 * @param bodyLimit the documented largest request body, in bytes
 * @param types     CloudEvent types the target handles (type swaps pick among them and others)
 */
public record Surface(List<String> paths, int bodyLimit, List<String> types) {

    public Surface {
        paths = List.copyOf(paths);
        types = List.copyOf(types);
    }
}
