package io.kedge.aggregate.state;

import io.kedge.contract.data.Summary;
import java.time.Instant;

/**
 * A closed window's summary, as stored.
 *
 * @param cause    hash of the id of the event that closed it ({@code Causes}), so that the same
 *                 event delivered again announces it again
 * @param closedAt when it closed, by the function's clock
 */
public record StoredSummary(Summary summary, String cause, Instant closedAt) {
}
