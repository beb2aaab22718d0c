package io.kedge.bench.load;

import io.kedge.contract.codec.HttpMessage;
import java.util.concurrent.CompletionStage;

/**
 * Sends one HTTP message to the system under test. Callable from any thread; the stage fails on
 * transport errors (refused, reset, timeout) and completes with the status otherwise.
 */
public interface EventSender extends AutoCloseable {

    CompletionStage<SendResult> send(HttpMessage message);

    @Override
    void close();
}
