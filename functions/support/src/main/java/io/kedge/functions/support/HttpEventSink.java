package io.kedge.functions.support;

import io.cloudevents.CloudEvent;
import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * POSTs events in binary content mode to the sink ({@code K_SINK}, the broker's ingress), at most
 * {@link #MAX_IN_FLIGHT} at a time, and waits for every answer: any 2xx is accepted, anything else
 * fails the whole send. A function's own sink extends it to implement its sink interface.
 */
public class HttpEventSink {

    /**
     * POSTs of one send in flight at once. The JDK's client opens a connection for each request
     * it cannot queue on an idle one, so a tick that closes the windows of a thousand devices
     * opened a thousand connections at once, and their buffers on both ends (the edge app is
     * both) took an edge JVM's 48 MB heap to OutOfMemoryError in a 50,000-reading burst.
     */
    public static final int MAX_IN_FLIGHT = 16;

    private final URI sink;
    private final Duration timeout;
    private final String what;
    private final HttpClient http;

    /**
     * @param timeout bound of one POST, connect to answer
     * @param what    names the events in failures: {@code "alert"}, {@code "summary"}
     */
    public HttpEventSink(URI sink, Duration timeout, String what) {
        this.sink = sink;
        this.timeout = timeout;
        this.what = what;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /**
     * Sends every event and returns once each was accepted.
     *
     * @throws SinkFailedException when any was not (the others may have been: ids are stable,
     *         so sending all again is safe for subscribers that deduplicate)
     */
    public void send(List<CloudEvent> events) {
        Deque<CompletableFuture<String>> inFlight = new ArrayDeque<>();
        List<String> failures = new ArrayList<>();
        for (CloudEvent event : events) {
            if (inFlight.size() == MAX_IN_FLIGHT) {
                await(inFlight.removeFirst(), failures);
            }
            inFlight.addLast(post(event));
        }
        while (!inFlight.isEmpty()) {
            await(inFlight.removeFirst(), failures);
        }
        if (!failures.isEmpty()) {
            throw failure(failures.size() + " of " + events.size() + " " + what + " event(s) not accepted by "
                    + sink + ": " + String.join("; ", failures));
        }
    }

    private static void await(CompletableFuture<String> answer, List<String> failures) {
        try {
            String failure = answer.join();
            if (failure != null) {
                failures.add(failure);
            }
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            failures.add(cause instanceof IOException ? "unreachable: " + cause : String.valueOf(cause));
        }
    }

    /** Completes with {@code null} when accepted, else with the reason. */
    private CompletableFuture<String> post(CloudEvent event) {
        HttpMessage message = CloudEventHttp.binary(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(sink)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.headers().forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() / 100 == 2 ? null
                        : "event " + event.getId() + " answered " + response.statusCode() + " " + abbreviate(response.body()));
    }

    /**
     * What {@link #send} throws. A subclass may throw a subtype, for callers that catch their
     * function's own.
     */
    protected SinkFailedException failure(String message) {
        return new SinkFailedException(what, message);
    }

    /** Whether events can be sent at all: always, the sink is named. */
    public boolean configured() {
        return true;
    }

    private static String abbreviate(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.length() <= 200 ? trimmed : trimmed.substring(0, 200) + "...";
    }

    @Override
    public String toString() {
        return sink.toString();
    }
}
