package io.kedge.fuzz.run;

import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Header;
import io.kedge.fuzz.oracle.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The bugs this fuzzer found that are reported and not yet fixed (see the module README). Each
 * matches its findings narrowly, by target, kind and the shape of the input, so that anything
 * else still fails the run.
 */
public final class KnownIssues {

    private static final Set<String> FUNCTIONS = Set.of("validate", "store", "alert", "grafana");
    private static final Set<String> ALL_TARGETS = Set.of("broker", "validate", "store", "alert", "grafana");
    private static final String FORM_BODIES = "broker-multipart-body";
    private static final String FORM_BODIES_SUMMARY = "a binary-mode event with Content-Type multipart/form-data is"
            + " accepted (202) and delivered with empty data (Vert.x's BodyHandler decodes the body as a form); with a"
            + " body that is no valid multipart it is refused with a bare \"request refused with status 400\"; with"
            + " method FOO or HEAD it is answered 500; expected: the data carried as it came, whatever its media type";

    public static final List<KnownIssue> ALL = List.of(
            new KnownIssue("validate-unstorable-tag", "functions/validate",
                    "a reading whose deviceId or location contains a line feed, carriage return or tab (or ends with a"
                            + " backslash) is answered 200 validated, and store then refuses it with 400, so the broker"
                            + " dead-letters a reading validate called valid; expected: validate rejects it",
                    targets("validate"), Finding.Kind.NOT_STORABLE,
                    (f, r) -> f.detail().matches("(?s).*(contains a (line feed|carriage return|tab)|ends with a backslash).*")),
            new KnownIssue("validate-deep-json-500", "functions/validate",
                    "data nested about 999 levels deep (inside Jackson's read limit of 1,000) is answered 500: the"
                            + " rejected reply quotes the original one level deeper, past Jackson's write limit;"
                            + " expected: 200 rejected or 400",
                    targets("validate"), Finding.Kind.SERVER_ERROR, (f, r) -> deeplyNested(r)),
            new KnownIssue("funqy-mixed-mode", "functions/support",
                    "a structured-mode event (Content-Type application/cloudevents+json) that also carries ce-*"
                            + " headers passes EventGate on its body, then Funqy reads the headers as binary mode: with"
                            + " no ce-type it answers a bare 404 (which Knative retries), with a ce-type of another function"
                            + " it runs that function on the envelope and answers 500; expected: the body's event handled,"
                            + " as the HTTP binding says, or a 4xx with a message",
                    FUNCTIONS, null, (f, r) -> (f.kind() == Finding.Kind.SERVER_ERROR
                            || (f.kind() == Finding.Kind.NO_MESSAGE && f.detail().startsWith("404 without a body")))
                            && structured(r) && hasCeHeader(r)),
            new KnownIssue("null-time-500", "functions/validate, functions/alert",
                    "a structured event with \"time\":null (valid: the JSON format allows null for optional"
                            + " attributes, conformance case validMinimalWithNullForOptional) is answered 500 by validate"
                            + " when the reading has no usable time (rejected reply) and by alert for a tick; expected: as"
                            + " without the attribute",
                    targets("validate", "alert"), Finding.Kind.SERVER_ERROR,
                    (f, r) -> structured(r) && r.contains("\"time\":null")),
            new KnownIssue("funqy-406-media-type-case", "functions/support",
                    "Content-Type APPLICATION/CLOUDEVENTS+JSON (media types are case-insensitive) passes EventGate as"
                            + " structured, then Funqy answers a bare 406; expected: handled like the lower-case type",
                    FUNCTIONS, Finding.Kind.NO_MESSAGE,
                    (f, r) -> f.detail().startsWith("406 without a body") && structured(r)),
            new KnownIssue("bare-413-outside-gate", "functions/support",
                    "a body over quarkus.http.limits.max-body-size sent to a path no function serves (/q/health,"
                            + " /notify on validate, /grafana/x) gets Quarkus' bare 413: EventGate names the limit only on"
                            + " its own routes; expected: the same JSON message everywhere",
                    FUNCTIONS, Finding.Kind.NO_MESSAGE, (f, r) -> f.detail().startsWith("413 without a body")),
            new KnownIssue("bare-4xx-before-routing", "eventing/broker, functions/support",
                    "POST // (an empty first path segment) gets Vert.x's bare 400, OPTIONS * a bare 404, before any"
                            + " route runs, from the broker and every function; expected: a 4xx with a message (or 200"
                            + " with Allow for OPTIONS *)",
                    ALL_TARGETS, Finding.Kind.NO_MESSAGE, (f, r) -> r != null
                            && ((f.detail().startsWith("400 without a body") && r.path().startsWith("//"))
                            || (f.detail().startsWith("404 without a body") && r.path().equals("*")))),
            new KnownIssue("store-huge-body-500", "functions/store",
                    "store sets no quarkus.http.limits.max-body-size (Quarkus' default 10 MiB, with -Xmx128m);"
                            + " requests of 3 to 10 MB, several at once, are answered 500; expected: 413 at a documented"
                            + " limit (validate: 64K)",
                    targets("store"), Finding.Kind.SERVER_ERROR, (f, r) -> r != null && r.body().length > 1_000_000),
            new KnownIssue("time-overflow-500", "functions/store, functions/alert",
                    "a sample or alert time such as +999999999-12-31T23:59:59Z parses, then Instant.toEpochMilli"
                            + " overflows: 500 from store and from alert; expected: 400 (store) or 422 (alert) naming the time",
                    targets("store", "alert"), Finding.Kind.SERVER_ERROR, (f, r) -> r != null && r.contains("+999999999-")),
            new KnownIssue("scalar-coercion", "functions/store, functions/alert",
                    "store and alert bind data leniently (Jackson scalar coercion): a value sent as text (\"21.5\","
                            + " \"\") or a device or location sent as a number or a bare Infinity is taken (204/200) and"
                            + " stored as if valid; expected: 400 / 422, as for any data outside the contract's schemas",
                    targets("store", "alert"), Finding.Kind.ACCEPTED_INVALID,
                    (f, r) -> f.detail().matches("204 for data outside the contract: \\w+ is no (JSON number|string).*")
                            || f.detail().matches("\\d+ for a reading whose deviceId is no string.*")),
            new KnownIssue("case-insensitive-binding", "functions/store, functions/alert",
                    "store and alert bind JSON members without regard to case: {\"deviceId\":\"pi-a\",\"DeviceId\":"
                            + "\"pi-b\"} is stored under pi-b, {\"temperature\":20.5,\"Temperature\":99.5} as 99.5, while"
                            + " validate (and the schema) read deviceId and temperature; expected: members matched exactly",
                    targets("store", "alert"), null,
                    (f, r) -> f.detail().contains("only in case")),
            new KnownIssue("alert-time-beyond-rfc3339", "functions/alert",
                    "a validated reading with time +10000-01-01T00:00:00Z (a year past 9999) is taken; the reply"
                            + " alert event, and later ones about that device, carry it as ce-time, which is no RFC 3339"
                            + " time: the broker refuses the reply; expected: 422 for such a sample time",
                    targets("alert"), Finding.Kind.BAD_REPLY,
                    (f, r) -> f.detail().contains("attribute 'time' is not an RFC 3339 timestamp")),
            new KnownIssue("grafana-unchecked-labels", "functions/alert",
                    "a Grafana notification whose labels.device_id or fingerprint contains a control character"
                            + " (DEL, line feed) is answered 200 and becomes an alert event whose ce-subject or ce-id"
                            + " carries it: no valid CloudEvent, refused by the broker; expected: 400 naming the label",
                    targets("grafana"), Finding.Kind.BAD_REPLY,
                    (f, r) -> f.detail().matches("(?s)sent \\d+ requests to K_SINK that are no valid CloudEvent.*control character.*")),
            new KnownIssue("broker-binary-cloudevents-type", "eventing/broker",
                    "an event whose datacontenttype is application/cloudevents+json (or ...-batch+json) is accepted"
                            + " (202) and delivered in binary mode with that Content-Type, which every receiver reads as"
                            + " structured mode: the subscriber gets no valid event (a Kedge function answers 400, the"
                            + " event is dead-lettered); contract CloudEventHttp.binary() writes the same; expected:"
                            + " refuse it at the ingress (400) or deliver it in structured mode",
                    targets("broker"), Finding.Kind.BAD_REPLY,
                    (f, r) -> f.detail().matches("(?s)delivered \\d+ requests that are no valid CloudEvent.*"
                            + "(batched mode|missing required attribute 'specversion').*")),
            new KnownIssue(FORM_BODIES, "eventing/broker", FORM_BODIES_SUMMARY, targets("broker"), Finding.Kind.LOST,
                    (f, r) -> f.detail().matches("delivered \\d+ events with other data than was accepted.*")),
            new KnownIssue(FORM_BODIES, "eventing/broker", FORM_BODIES_SUMMARY, targets("broker"), Finding.Kind.REFUSED_VALID,
                    (f, r) -> multipart(r) && f.detail().contains("request refused with status 400")),
            new KnownIssue(FORM_BODIES, "eventing/broker", FORM_BODIES_SUMMARY, targets("broker"), Finding.Kind.SERVER_ERROR,
                    (f, r) -> multipart(r)));

    public static Optional<KnownIssue> match(String target, Finding finding, FuzzRequest request) {
        return ALL.stream().filter(issue -> issue.matches(target, finding, request)).findFirst();
    }

    /** A body with 500 or more opening brackets in a row, or as many nested one-member objects. */
    static boolean deeplyNested(FuzzRequest request) {
        return request != null && (request.contains("[".repeat(500)) || request.contains("{\"a\":".repeat(500)));
    }

    static boolean multipart(FuzzRequest request) {
        String contentType = request == null ? null : request.header("content-type");
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    static boolean structured(FuzzRequest request) {
        String contentType = request == null ? null : request.header("content-type");
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents");
    }

    static boolean hasCeHeader(FuzzRequest request) {
        return request != null && request.wireHeaders().stream().map(Header::name)
                .anyMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("ce-"));
    }

    private KnownIssues() {
    }

    static Set<String> targets(String... names) {
        return Set.of(names);
    }
}
