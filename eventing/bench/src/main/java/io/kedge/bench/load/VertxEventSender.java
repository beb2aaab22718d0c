package io.kedge.bench.load;

import io.kedge.contract.codec.HttpMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * {@link EventSender} on Vert.x's pooled HTTP/1.1 client: at most {@code connections} keep-alive
 * connections; requests beyond them wait in the client's queue, which counts as latency.
 */
public final class VertxEventSender implements EventSender {

    private final HttpClient client;
    private final URI target;
    private final long timeoutMillis;

    /**
     * @param target      the URL every message is POSTed to
     * @param connections connections at most
     * @param timeout     per request, connecting included; a request that takes longer fails
     */
    public VertxEventSender(Vertx vertx, URI target, int connections, Duration timeout) {
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.target = target;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public CompletionStage<SendResult> send(HttpMessage message) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(target.toString())
                .setTimeout(timeoutMillis);
        message.headers().forEach(options::putHeader);
        return client.request(options)
                .compose(request -> request.send(Buffer.buffer(message.body())))
                .compose(response -> response.body().map(ignored -> new SendResult(response.statusCode(),
                        RetryAfter.parse(response.getHeader("Retry-After"), Clock.systemUTC()),
                        response.getHeader("ce-type"))))
                .toCompletionStage();
    }

    @Override
    public void close() {
        client.close();
    }
}
