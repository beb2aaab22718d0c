package io.kedge.broker.dlq;

import io.kedge.broker.log.BrokerStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local dead-letter queue, read side: the dead letters of Triggers without a
 * {@code deadLetterSink}, kept in the broker's store. Writes happen where deliveries end
 * ({@code TriggerQueue}) and replays start ({@code Dispatcher}).
 */
public final class DeadLetterQueue {

    private final BrokerStore store;

    public DeadLetterQueue(BrokerStore store) {
        this.store = store;
    }

    /** One page of the queue, in id order (oldest first), and how many match in all. */
    public record Page(List<DeadLetter> letters, long matching) {
    }

    /**
     * The dead letters of {@code trigger} (any Trigger when empty), at most {@code limit}.
     *
     * @param trigger {@code namespace/name}, or a bare name matching that Trigger in any namespace
     */
    public Page list(Optional<String> trigger, int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        long matching = 0;
        for (Iterator<Map.Entry<Long, byte[]>> it = store.deadLetterRecords(); it.hasNext(); ) {
            Map.Entry<Long, byte[]> record = it.next();
            DeadLetter letter = DeadLetter.decode(record.getKey(), record.getValue());
            if (trigger.isEmpty() || matches(letter.trigger(), trigger.get())) {
                matching++;
                if (letters.size() < limit) {
                    letters.add(letter);
                }
            }
        }
        return new Page(letters, matching);
    }

    /** Ids of every dead letter of {@code trigger} (any when empty). */
    public List<Long> ids(Optional<String> trigger) {
        List<Long> ids = new ArrayList<>();
        for (Iterator<Map.Entry<Long, byte[]>> it = store.deadLetterRecords(); it.hasNext(); ) {
            Map.Entry<Long, byte[]> record = it.next();
            if (trigger.isEmpty() || matches(DeadLetter.decode(record.getKey(), record.getValue()).trigger(), trigger.get())) {
                ids.add(record.getKey());
            }
        }
        return ids;
    }

    public Optional<DeadLetter> get(long id) {
        byte[] record = store.deadLetterRecord(id);
        return record == null ? Optional.empty() : Optional.of(DeadLetter.decode(id, record));
    }

    public long size() {
        return store.deadLetterCount();
    }

    /** {@code namespace/name} equals {@code query}, or its name does when {@code query} has no namespace. */
    public static boolean matches(String trigger, String query) {
        if (query.contains("/")) {
            return trigger.equals(query);
        }
        return trigger.substring(trigger.indexOf('/') + 1).equals(query);
    }
}
