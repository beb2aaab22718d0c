package io.kedge.alert.out;

import io.kedge.functions.support.HttpEventSink;
import java.net.URI;
import java.time.Duration;

/** The sink at {@code K_SINK}: alert events POSTed in binary content mode, each to be accepted. */
public final class HttpAlertSink extends HttpEventSink implements AlertSink {

    public HttpAlertSink(URI sink, Duration timeout) {
        super(sink, timeout, "alert");
    }
}
