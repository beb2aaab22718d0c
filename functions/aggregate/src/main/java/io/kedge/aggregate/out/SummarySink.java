package io.kedge.aggregate.out;

import io.cloudevents.CloudEvent;
import io.kedge.functions.support.SinkFailedException;
import java.util.List;

/** Where summaries go besides the reply: the broker, named by {@code K_SINK}. */
public interface SummarySink {

    /**
     * Sends every event and returns once each was accepted.
     *
     * @throws SinkFailedException when any was not (the others may have been: ids are stable,
     *         so sending all again is safe for subscribers that deduplicate)
     */
    void send(List<CloudEvent> events);

    /** Whether events can be sent at all ({@code K_SINK} is set). */
    boolean configured();

    /** The sink of a function without {@code K_SINK}: every send fails, naming the variable. */
    static SummarySink none() {
        return new SummarySink() {
            @Override
            public void send(List<CloudEvent> events) {
                if (!events.isEmpty()) {
                    throw new SinkFailedException("summary", "no sink to send " + events.size()
                            + " summary event(s) to: set K_SINK (kedge.aggregate.sink) to the broker's URL");
                }
            }

            @Override
            public boolean configured() {
                return false;
            }
        };
    }
}
