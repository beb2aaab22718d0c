package io.kedge.aggregate.engine;

import io.kedge.contract.data.Summary;

/**
 * The CloudEvent id of a summary: device, metric, window length and start,
 * {@code pi-kitchen/temperature/PT1M/2026-11-27T10:15:00Z}. The same window always gets the same
 * id, so a summary announced again (a redelivered event, a replay) is recognised by subscribers
 * that deduplicate by source and id. The last three parts never contain a '/', so device ids that
 * do still give distinct ids.
 */
public final class SummaryIds {

    public static String of(Summary summary) {
        return summary.deviceId() + "/" + summary.metric() + "/" + summary.window() + "/" + summary.windowStart();
    }

    private SummaryIds() {
    }
}
