package io.kedge.functions.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A function's own state in InfluxDB 1.x, through its HTTP API: Basic credentials when a user is
 * set, every request bounded by one timeout, and each way a request can fail (unreachable,
 * interrupted, an answer other than 200, not JSON, an error in the answer) a
 * {@link StateUnavailableException}, so that the event that needed the state is retried. What a
 * write's answer means is left to the store: some refusals it repairs (a dropped database) or
 * accepts (points beyond the retention).
 *
 * <p>OkHttp rather than the JDK's client: a blocking call runs on the caller's thread, where the
 * JDK's hands each request to its selector thread and back. Measured against InfluxDB 1.6.7 here,
 * C1-compiled, one write every 5 ms: 600 µs of CPU and 1.22 ms p50 per write, against 1,150 µs and
 * 1.79 ms, on the path of every reading the alert and aggregate functions handle.
 */
public final class InfluxHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

    /** InfluxDB's answer to a request: its status and body. */
    public record Answer(int statusCode, String body) {
    }

    private final URI url;
    private final String state;
    private final OkHttpClient http;
    private final String authorization;

    /**
     * @param url     base URL, e.g. {@code http://127.0.0.1:8086}
     * @param timeout bound of one request, connect to last byte
     * @param state   names the state in failures: {@code "alert state"}
     */
    public InfluxHttp(URI url, Optional<String> username, Optional<String> password, Duration timeout, String state) {
        this.url = url;
        this.state = state;
        this.http = new OkHttpClient.Builder()
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
        this.authorization = username
                .map(user -> "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
    }

    /**
     * POSTs line protocol to {@code /write?<parameters>}.
     *
     * @param what what the request does, for the failure when it gets no answer
     * @return InfluxDB's answer, whatever its status
     */
    public Answer write(String parameters, String lines, String what) {
        return send(request("/write?" + parameters).post(RequestBody.create(lines, TEXT)), what);
    }

    /** GETs {@code /query?<parameters>}: the answer to {@code statement}, 200 and JSON. */
    public JsonNode get(String parameters, String statement, String what) {
        return parse(send(request("/query?" + parameters).get(), what), statement);
    }

    /**
     * POSTs {@code form} (its parameters, {@code q} among them) to {@code /query}: the answer to
     * {@code statement}, 200 and JSON. Statements that change something must be POSTed; the form
     * body also carries queries too long for a URL.
     */
    public JsonNode post(String form, String statement, String what) {
        return parse(send(request("/query").post(RequestBody.create(form, FORM)), what), statement);
    }

    /** Fails when the answer reports an error, for the whole request or for one of its statements. */
    public void checkErrors(JsonNode answer, String statement) {
        String error = error(answer);
        if (error != null) {
            throw unavailable("InfluxDB at " + url + " refused " + abbreviate(statement) + ": " + error);
        }
    }

    /**
     * The first error a /query answer reports, for the whole request (400, 401) or for a statement
     * (200); {@code null} for none, {@code "error": null} included.
     */
    public static String error(JsonNode answer) {
        if (answer.hasNonNull("error")) {
            return answer.get("error").asText();
        }
        for (JsonNode result : answer.path("results")) {
            if (result.hasNonNull("error")) {
                return result.get("error").asText();
            }
        }
        return null;
    }

    /** A failure of this state, for what the store finds wrong with an answer. */
    public StateUnavailableException unavailable(String message) {
        return new StateUnavailableException(state, message);
    }

    public URI url() {
        return url;
    }

    private JsonNode parse(Answer response, String statement) {
        if (response.statusCode() != 200) {
            throw unavailable("InfluxDB at " + url + " answered " + response.statusCode()
                    + " to " + abbreviate(statement) + ": " + abbreviate(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StateUnavailableException(state, "InfluxDB at " + url + " answered " + abbreviate(statement)
                    + " with something that is not JSON: " + abbreviate(response.body()), e);
        }
    }

    private Request.Builder request(String pathAndQuery) {
        Request.Builder request = new Request.Builder().url(stripSlash(url.toString()) + pathAndQuery);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private Answer send(Request.Builder request, String what) {
        try (Response response = http.newCall(request.build()).execute()) {
            return new Answer(response.code(), response.body().string());
        } catch (InterruptedIOException e) {
            // OkHttp's call timeout, or the calling thread interrupted
            if (Thread.currentThread().isInterrupted()) {
                throw new StateUnavailableException(state, "interrupted while " + abbreviate(what), e);
            }
            throw new StateUnavailableException(state, "InfluxDB at " + url + " did not answer in time while "
                    + abbreviate(what) + ": " + e, e);
        } catch (IOException e) {
            throw new StateUnavailableException(state, "InfluxDB at " + url + " unreachable while " + abbreviate(what)
                    + ": " + e, e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A value for a URL query or a form body. */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** An answer or a statement shortened for a message. */
    public static String abbreviate(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.length() <= 300 ? trimmed : trimmed.substring(0, 300) + "...";
    }
}
