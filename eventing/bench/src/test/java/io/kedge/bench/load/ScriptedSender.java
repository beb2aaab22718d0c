package io.kedge.bench.load;

import io.kedge.contract.codec.HttpMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * An {@link EventSender} for testing the load logic without a network: answers each message as
 * the script says, given the event's index (header {@code n}) and how often it was sent before.
 */
final class ScriptedSender implements EventSender {

    private final BiFunction<Long, Integer, CompletionStage<SendResult>> script;
    private final Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final List<Long> sent = new CopyOnWriteArrayList<>();

    ScriptedSender(BiFunction<Long, Integer, CompletionStage<SendResult>> script) {
        this.script = script;
    }

    static EventSource numbered() {
        return (index, sentNanos) -> new HttpMessage(Map.of("n", Long.toString(index), "t", Long.toString(sentNanos)), null);
    }

    static CompletionStage<SendResult> status(int status) {
        return CompletableFuture.completedFuture(new SendResult(status, null));
    }

    @Override
    public CompletionStage<SendResult> send(HttpMessage message) {
        long index = Long.parseLong(message.header("n"));
        sent.add(index);
        int attempt = attempts.computeIfAbsent(index, i -> new AtomicInteger()).getAndIncrement();
        return script.apply(index, attempt);
    }

    int attempts(long index) {
        return attempts.getOrDefault(index, new AtomicInteger()).get();
    }

    @Override
    public void close() {
    }
}
