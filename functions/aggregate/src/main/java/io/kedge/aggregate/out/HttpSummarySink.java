package io.kedge.aggregate.out;

import io.kedge.functions.support.HttpEventSink;
import java.net.URI;
import java.time.Duration;

/** The sink at {@code K_SINK}: summary events POSTed in binary content mode, each to be accepted. */
public final class HttpSummarySink extends HttpEventSink implements SummarySink {

    public HttpSummarySink(URI sink, Duration timeout) {
        super(sink, timeout, "summary");
    }
}
