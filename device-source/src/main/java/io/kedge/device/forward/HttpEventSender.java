package io.kedge.device.forward;

import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Posts each event in binary mode to the sink ({@code K_SINK}), with the SinkBinding's
 * {@code K_CE_OVERRIDES} extensions added at send time, so that buffered events carry the
 * overrides of the process that sends them, as a Knative source's would.
 *
 * <p>Which failures are worth retrying: a refusal of the event itself (400, 413, 415, 422) cannot
 * succeed on a resend and would block every later event queued behind it, so it is
 * {@link SendOutcome.Result#REJECTED}. Everything else that is not 2xx (no connection, timeouts,
 * 404 while a broker is being created, 401/403 until credentials are fixed, 429, 5xx) says
 * something about the sink, not the event, and is {@link SendOutcome.Result#RETRY}.
 *
 * <p>{@link #sendAsync} needs no thread of its own: the JDK client's selector waits for every
 * response. Over HTTP/1.1 each request in flight has a connection of its own, from the client's
 * keep-alive pool.
 */
public final class HttpEventSender implements EventSender {

    private static final Set<Integer> EVENT_REFUSED = Set.of(400, 413, 415, 422);

    private final URI sink;
    private final CeOverrides overrides;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param sink      absolute http(s) URL events are posted to
     * @param overrides extensions added to every event
     * @param timeout   per request, connect included
     */
    public HttpEventSender(URI sink, CeOverrides overrides, Duration timeout) {
        if (sink == null || !sink.isAbsolute() || !(sink.getScheme().equals("http") || sink.getScheme().equals("https"))) {
            throw new IllegalArgumentException("sink must be an absolute http(s) URL, got \"" + sink + "\"");
        }
        this.sink = sink;
        this.overrides = overrides;
        this.timeout = timeout;
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every plain-http request.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public SendOutcome send(CloudEvent event) {
        HttpResponse<Void> response;
        try {
            response = client.send(request(overrides.applyTo(event)), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            return SendOutcome.unreachable(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendOutcome.unreachable("interrupted");
        }
        return classify(response.statusCode(), response.headers().firstValue("retry-after"));
    }

    @Override
    public CompletableFuture<SendOutcome> sendAsync(CloudEvent event) {
        return client.sendAsync(request(overrides.applyTo(event)), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error == null
                        ? classify(response.statusCode(), response.headers().firstValue("retry-after"))
                        : SendOutcome.unreachable(describe(unwrap(error))));
    }

    @Override
    public String target() {
        return sink.toString();
    }

    static SendOutcome classify(int status, Optional<String> retryAfter) {
        if (status >= 200 && status < 300) {
            return SendOutcome.delivered(status);
        }
        if (EVENT_REFUSED.contains(status)) {
            return SendOutcome.rejected(status, "HTTP " + status + ": the sink refused the event");
        }
        return SendOutcome.retry(status, "HTTP " + status, retryAfter.flatMap(HttpEventSender::seconds));
    }

    private HttpRequest request(CloudEvent event) {
        HttpMessage message = CloudEventHttp.binary(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(sink)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.headers().forEach(request::header);
        return request.build();
    }

    /** {@code Retry-After} in seconds; the HTTP-date form is rare for sinks and is ignored. */
    private static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String describe(Throwable e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
