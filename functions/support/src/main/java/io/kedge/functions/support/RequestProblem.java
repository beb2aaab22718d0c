package io.kedge.functions.support;

import io.kedge.contract.EventData;
import java.util.List;

/** A request the function cannot take, with the HTTP status that tells the sender why. */
public class RequestProblem extends RuntimeException {

    private final int status;
    private final String error;
    private final List<String> problems;

    public RequestProblem(int status, String error, List<String> problems) {
        super(status + " " + error + ": " + String.join("; ", problems));
        this.status = status;
        this.error = error;
        this.problems = List.copyOf(problems);
    }

    /** 400: not a CloudEvent, or no JSON data. Knative neither retries it nor sends it again. */
    public static RequestProblem badRequest(String error, List<String> problems) {
        return new RequestProblem(400, error, problems);
    }

    public int status() {
        return status;
    }

    /** The JSON body of the error answer: {@code {status, error, problems}}. */
    public byte[] json() {
        return EventData.toJson(new Body(status, error, problems));
    }

    public record Body(int status, String error, List<String> problems) {
    }
}
