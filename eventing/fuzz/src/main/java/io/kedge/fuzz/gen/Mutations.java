package io.kedge.fuzz.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kedge.contract.EventTypes;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Header;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Every mutation the fuzzer knows, in four groups: the CloudEvent envelope (attributes, headers,
 * mode), the content type, the data (fields, JSON syntax, bytes, size) and HTTP itself (method,
 * path, framing, header shape).
 */
public final class Mutations {

    private static final List<String> REQUIRED = List.of("specversion", "id", "source", "type");
    private static final List<String> OPTIONAL = List.of("subject", "time", "dataschema");
    private static final Set<String> NUMERIC = Set.of("temperature", "humidity", "pressure", "value", "threshold", "B", "C");
    private static final List<String> TIME_FIELDS = List.of("time", "startsAt", "endsAt");
    private static final List<String> TEXT_FIELDS = List.of("deviceId", "location", "sensor", "rule", "severity", "metric",
            "fingerprint", "device_id", "alertname", "status", "temperatureUnit");
    private static final List<String> VOCABULARY = List.of("deviceId", "location", "sensor", "temperature", "humidity",
            "pressure", "time", "temperatureUnit", "quality", "rule", "severity", "metric", "value", "threshold",
            "startsAt", "endsAt", "fingerprint", "alerts", "labels", "values", "status", "data", "__proto__", "",
            "DeviceId", "device id", "check");

    private static final List<String> EXTENSION_NAMES = List.of("Upper", "with-dash", "under_score", "a".repeat(21), "",
            "data", "ce", "knativebrokerttl", "knativearrivaltime", "knativeerrorcode", "severity", "traceparent",
            "\u00fcn\u00ef", "partitionkey", "sequence", "x");
    private static final List<String> CONTENT_TYPES = List.of("", "application/json; charset=utf-16",
            "application/json;charset=\"utf-8\"", "Application/JSON", "application/json ", " application/json",
            "application/jsonx", "text/json", "application/problem+json", "text/plain", "application/octet-stream",
            "application/xml", "application/cloudevents+json", "application/cloudevents-batch+json",
            "application/cloudevents+xml", "application/cloudevents", "multipart/form-data; boundary=x", "*/*",
            "application/x-www-form-urlencoded", "application/json; charset=latin1", "json",
            "application/json;" + "p=v;".repeat(200), "application/json\u0000", "application/\u00e9json");
    private static final List<String> ENVELOPE_TYPES = List.of("application/cloudevents+json; charset=latin1",
            "APPLICATION/CLOUDEVENTS+JSON", "application/cloudevents+xml", "application/cloudevents-batch+json",
            "application/cloudevents", "application/json", "application/cloudevents+json;;;", "");
    private static final List<String> PATHS = List.of("/", "/x", "//", "/kedge", "/kedge/default/", "/kedge/default/extra",
            "/KEDGE/DEFAULT", "/kedge/nope", "/%6bedge/default", "/kedge/default?x=1&y", "/../kedge/default", "/a/b/c/d",
            "/" + "a".repeat(5000), "/kedge/%00", "/kedge/%ff", "*", "http://127.0.0.1/kedge/default", "/q/health",
            "/q/metrics", "/q/nope", "/validate", "/store", "/alert", "/tick", "/notify", "/grafana", "/admin/dlq",
            "/admin/dlq/replay", "/grafana/", "/%2e%2e/%2e%2e/etc/passwd", "/kedge/default;jsessionid=1", "/\u00e9");
    private static final List<byte[]> RAW_HEADER_VALUES = List.of(
            bytes("x\r\nce-id: injected"), bytes("x\nX-Injected: 1"), bytes("a\u0000b"), bytes("a\u007fb"),
            new byte[] {'k', (byte) 0xE9, 'k'}, "küche".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28},
            new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xC0, (byte) 0xAF}, bytes("%ZZ"), bytes("%C3%28"),
            bytes("%"), bytes("%F0%9F%98"), bytes("\"a\\\"b\""), bytes("\""), bytes(" "), bytes("\t1.0\t"), new byte[0]);
    private static final List<byte[]> INVALID_UTF8 = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0x80});

    /** The whole catalogue. */
    public static final List<Mutation> ALL = List.of(
            // --- envelope ---
            new Mutation("drop-attribute", 4, (d, r, s, now) ->
                    d.attributes.remove(Hostile.pick(r, r.nextInt(3) == 0 ? OPTIONAL : REQUIRED))),
            new Mutation("empty-attribute", 3, (d, r, s, now) ->
                    d.attributes.put(anyAttribute(d, r), Draft.NODES.textNode(""))),
            new Mutation("hostile-attribute", 5, (d, r, s, now) ->
                    d.attributes.put(anyAttribute(d, r), Draft.NODES.textNode(Hostile.pick(r, Hostile.STRINGS)))),
            new Mutation("raw-header-bytes", 3, (d, r, s, now) -> {
                byte[] raw = Hostile.pick(r, RAW_HEADER_VALUES);
                String name = "ce-" + anyAttribute(d, r);
                d.headerEdits.add(headers -> replaceHeader(headers, name, raw));
            }),
            new Mutation("attribute-type", 2, (d, r, s, now) ->
                    d.attributes.put(anyAttribute(d, r), Hostile.wrongType(r))),
            new Mutation("attribute-number", 1, (d, r, s, now) ->
                    d.attributes.put(anyAttribute(d, r), Hostile.number(r))),
            new Mutation("specversion", 3, (d, r, s, now) -> d.attributes.put("specversion", r.nextInt(6) == 0
                    ? Draft.NODES.numberNode(1.0)
                    : Draft.NODES.textNode(Hostile.pick(r, List.of("0.3", "1.1", "2.0", "1", "1.0 ", " 1.0", "1.0\u0000", "v1.0", "1.00"))))),
            new Mutation("time-attribute", 4, (d, r, s, now) ->
                    d.attributes.put("time", Draft.NODES.textNode(Hostile.pick(r, Hostile.times(now))))),
            new Mutation("source-attribute", 2, (d, r, s, now) -> d.attributes.put("source", Draft.NODES.textNode(Hostile.pick(r,
                    List.of("::::", "http://[::1", "not a uri", "%zz", "http://exa mple.org/", "urn:kedge:pi", "#", "?",
                            "/devices/" + Hostile.pick(r, Hostile.STRINGS), "//", "\\\\host\\share", "/".repeat(3000)))))),
            new Mutation("type-swap", 4, (d, r, s, now) -> d.attributes.put("type", Draft.NODES.textNode(Hostile.pick(r, types(s))))),
            new Mutation("extension", 3, (d, r, s, now) -> d.attributes.put(Hostile.pick(r, EXTENSION_NAMES),
                    r.nextBoolean() ? Draft.NODES.textNode(Hostile.pick(r, Hostile.STRINGS)) : Hostile.value(r, now))),
            new Mutation("broker-ttl", 2, (d, r, s, now) -> d.attributes.put("knativebrokerttl", r.nextInt(4) == 0
                    ? Draft.NODES.numberNode(Hostile.pick(r, List.of(0, 1, 2, -1, 256, Integer.MAX_VALUE)))
                    : Draft.NODES.textNode(Hostile.pick(r, List.of("0", "1", "2", "-1", "256", "abc", "2147483648", "", "1.5"))))),
            new Mutation("dataschema", 1, (d, r, s, now) -> d.attributes.put("dataschema",
                    Draft.NODES.textNode(Hostile.pick(r, List.of("::", "http://[", "schema with spaces", "", "%"))))),
            new Mutation("datacontenttype-header", 1, (d, r, s, now) ->
                    d.extraHeaders.add(Header.of("ce-datacontenttype", "application/json"))),
            new Mutation("duplicate-header", 4, (d, r, s, now) -> {
                boolean before = r.nextBoolean();
                boolean flipCase = r.nextBoolean();
                String value = r.nextBoolean() ? Hostile.pick(r, Hostile.STRINGS) : Hostile.pick(r, Hostile.times(now));
                int pickAt = r.nextInt(1000);
                d.headerEdits.add(headers -> duplicate(headers, pickAt, value, before, flipCase));
            }),
            new Mutation("mode-switch", 2, (d, r, s, now) -> {
                if (d.mode == Draft.Mode.BINARY) {
                    d.mode = Draft.Mode.STRUCTURED;
                } else if (d.mode == Draft.Mode.STRUCTURED) {
                    d.mode = Draft.Mode.BINARY;
                }
            }),
            new Mutation("mixed-mode", 1, (d, r, s, now) -> {
                if (d.mode == Draft.Mode.STRUCTURED) {
                    d.extraHeaders.add(Header.of("ce-id", "other-" + r.nextInt(1000)));
                    d.extraHeaders.add(Header.of("ce-type", Hostile.pick(r, types(s))));
                    d.extraHeaders.add(Header.of("ce-specversion", "1.0"));
                }
            }),

            // --- content type ---
            new Mutation("content-type", 4, (d, r, s, now) -> d.contentType = r.nextInt(8) == 0 ? null : Hostile.pick(r, CONTENT_TYPES)),
            new Mutation("envelope-type", 2, (d, r, s, now) -> d.envelopeType = Hostile.pick(r, ENVELOPE_TYPES)),

            // --- data ---
            new Mutation("hostile-field", 8, (d, r, s, now) -> {
                ObjectNode object = anyObject(d, r);
                if (object != null) {
                    object.set(anyField(object, r), Hostile.value(r, now));
                }
            }),
            new Mutation("drop-field", 4, (d, r, s, now) -> {
                ObjectNode object = anyObject(d, r);
                if (object != null && object.size() > 0) {
                    object.remove(existingField(object, r));
                }
            }),
            new Mutation("null-field", 2, (d, r, s, now) -> {
                ObjectNode object = anyObject(d, r);
                if (object != null) {
                    object.putNull(anyField(object, r));
                }
            }),
            new Mutation("number-as-text", 3, (d, r, s, now) -> {
                ObjectNode object = anyObject(d, r);
                String field = object == null ? null : numericField(object, r);
                if (field != null) {
                    JsonNode value = object.get(field);
                    object.set(field, value != null && value.isNumber() && r.nextBoolean()
                            ? Draft.NODES.textNode(value.asText()) : Hostile.numberAsText(r));
                }
            }),
            new Mutation("non-finite", 3, (d, r, s, now) -> {
                ObjectNode object = anyObject(d, r);
                String field = object == null ? null : numericField(object, r);
                if (field != null) {
                    object.set(field, Hostile.nonFinite(r));
                }
            }),
            new Mutation("extreme-number", 3, (d, r, s, now) -> {
                ObjectNode object = anyObject(d, r);
                String field = object == null ? null : numericField(object, r);
                if (field != null) {
                    object.set(field, Hostile.number(r));
                }
            }),
            new Mutation("hostile-time-field", 4, (d, r, s, now) -> {
                ObjectNode object = anyObject(d, r);
                if (object != null) {
                    String field = TIME_FIELDS.stream().filter(object::has).findFirst().orElse(Hostile.pick(r, TIME_FIELDS));
                    object.put(field, Hostile.pick(r, Hostile.times(now)));
                }
            }),
            new Mutation("control-char-in-name", 4, (d, r, s, now) -> {
                ObjectNode object = anyObject(d, r);
                String field = object == null ? null : textField(object, r);
                if (field != null) {
                    String text = object.get(field).asText();
                    int at = text.isEmpty() ? 0 : r.nextInt(text.length() + 1);
                    String insert = Hostile.pick(r, List.of("\n", "\r", "\t", "\u0000", "\u001b", "\u007f", "\\", "\u2028", " ", ",", "="));
                    object.put(field, text.substring(0, at) + insert + text.substring(at));
                }
            }),
            new Mutation("temperature-unit", 2, (d, r, s, now) -> {
                ObjectNode object = d.dataObject();
                if (object != null) {
                    object.set("temperatureUnit", r.nextInt(5) == 0 ? Hostile.value(r, now)
                            : Draft.NODES.textNode(Hostile.pick(r, List.of("C", "F", "K", "R", "f", "celsius", "", "°C"))));
                    if (r.nextBoolean()) {
                        object.put("temperature", Hostile.pick(r, List.of(-459.67, 0.0, 131.0, 273.15, 373.15, 1e6, -1e6)));
                    }
                }
            }),
            new Mutation("sensor", 2, (d, r, s, now) -> {
                ObjectNode object = d.dataObject();
                if (object != null) {
                    object.put("sensor", Hostile.pick(r, List.of("DHT11", "dht 11", "bme280 ", "", "am2302", "ds18b20",
                            "generic", "x".repeat(300), "dht11\n", "dht22", "bme280")));
                }
            }),
            new Mutation("data-kind", 2, (d, r, s, now) -> {
                d.rawData = null;
                d.data = switch (r.nextInt(7)) {
                    case 0 -> Draft.NODES.arrayNode().add(d.data == null ? Draft.NODES.nullNode() : d.data);
                    case 1 -> Draft.NODES.textNode(d.data == null ? "" : d.data.toString());
                    case 2 -> Draft.NODES.numberNode(21.5);
                    case 3 -> Draft.NODES.nullNode();
                    case 4 -> Draft.NODES.booleanNode(true);
                    case 5 -> Draft.NODES.objectNode();
                    default -> null;
                };
            }),
            new Mutation("deep-json", 1, (d, r, s, now) -> {
                JsonNode deep = Hostile.deep(r, Hostile.pick(r, List.of(100, 999, 1001, 5000, 50_000)));
                ObjectNode object = anyObject(d, r);
                if (object != null && r.nextBoolean()) {
                    object.set(anyField(object, r), deep);
                } else {
                    d.rawData = null;
                    d.data = deep;
                }
            }),
            new Mutation("wide-json", 1, (d, r, s, now) -> {
                ObjectNode object = anyObject(d, r);
                if (object == null) {
                    return;
                }
                int n = Hostile.pick(r, List.of(1000, 5000, 20_000));
                if (r.nextBoolean()) {
                    for (int i = 0; i < n; i++) {
                        object.put("f" + i, i);
                    }
                } else {
                    ArrayNode array = object.putArray(anyField(object, r));
                    for (int i = 0; i < n; i++) {
                        array.add(i * 0.5);
                    }
                }
            }),
            new Mutation("duplicate-key", 2, (d, r, s, now) -> {
                String field = Hostile.pick(r, VOCABULARY.subList(0, 16));
                String member = "\"" + field + "\":" + Hostile.pick(r, List.of("\"dup\"", "99.5", "null", "\"2026-11-28T10:15:30\"", "{}"))
                        + ",";
                d.bodyEdits.add(body -> insertAfterFirst(body, (byte) '{', member.getBytes(StandardCharsets.UTF_8)));
            }),
            new Mutation("invalid-utf8", 3, (d, r, s, now) -> {
                byte[] bad = Hostile.pick(r, INVALID_UTF8);
                int choice = r.nextInt(1000);
                d.bodyEdits.add(body -> insertIntoString(body, choice, bad));
            }),
            new Mutation("truncate", 2, (d, r, s, now) -> {
                double keep = r.nextDouble();
                d.bodyEdits.add(body -> Arrays.copyOf(body, (int) (body.length * keep)));
            }),
            new Mutation("random-bytes", 1, (d, r, s, now) -> {
                byte[] bytes = new byte[r.nextInt(2000)];
                r.nextBytes(bytes);
                d.rawData = bytes;
            }),
            new Mutation("empty-body", 2, (d, r, s, now) -> d.rawData = new byte[0]),
            new Mutation("byte-order-mark", 1, (d, r, s, now) -> {
                byte[] bom = r.nextBoolean() ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF} : new byte[] {(byte) 0xFF, (byte) 0xFE};
                d.bodyEdits.add(body -> concat(bom, body));
            }),
            new Mutation("trailing-garbage", 2, (d, r, s, now) -> {
                byte[] tail = Hostile.pick(r, List.of("}", "{}", "\u0000", " x", "\n\n", ",", "]", "{\"id\":1}"))
                        .getBytes(StandardCharsets.UTF_8);
                d.bodyEdits.add(body -> concat(body, tail));
            }),
            new Mutation("json-comment", 1, (d, r, s, now) -> d.bodyEdits.add(body ->
                    insertAfterFirst(body, (byte) '{', "/* fuzz */ // x\n".getBytes(StandardCharsets.UTF_8)))),
            new Mutation("single-quotes", 1, (d, r, s, now) -> d.bodyEdits.add(body ->
                    new String(body, StandardCharsets.UTF_8).replace('"', '\'').getBytes(StandardCharsets.UTF_8))),
            new Mutation("oversize", 1, (d, r, s, now) -> pad(d, r, Math.min(3_000_000, s.bodyLimit() + 1 + r.nextInt(s.bodyLimit())))),
            new Mutation("near-limit", 1, (d, r, s, now) -> pad(d, r, Math.max(0, s.bodyLimit() - 16 - r.nextInt(512)))),
            new Mutation("data-base64", 1, (d, r, s, now) -> {
                String encoded = Base64.getEncoder().encodeToString(d.data == null ? new byte[0] : Draft.write(d.data));
                switch (r.nextInt(3)) {
                    case 0 -> {
                        d.attributes.put("data_base64", Draft.NODES.textNode(encoded));
                        d.data = null;
                    }
                    case 1 -> d.attributes.put("data_base64", Draft.NODES.textNode("!!not base64!!"));
                    default -> d.attributes.put("data_base64", Draft.NODES.textNode(encoded));
                }
            }),
            new Mutation("latin1-text", 1, (d, r, s, now) -> d.bodyEdits.add(body -> {
                String text = new String(body, StandardCharsets.UTF_8).replace("livingroom", "küche");
                return text.getBytes(StandardCharsets.ISO_8859_1);
            })),

            // --- HTTP ---
            new Mutation("method", 3, (d, r, s, now) ->
                    d.method = Hostile.pick(r, List.of("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "post", "PROPFIND"))),
            new Mutation("path", 3, (d, r, s, now) -> d.path = r.nextBoolean() && !s.paths().isEmpty()
                    ? Hostile.pick(r, s.paths()) : Hostile.pick(r, PATHS)),
            new Mutation("chunked", 2, (d, r, s, now) -> d.framing = FuzzRequest.Framing.CHUNKED),
            new Mutation("expect-continue", 1, (d, r, s, now) -> d.extraHeaders.add(Header.of("Expect", "100-continue"))),
            new Mutation("many-headers", 1, (d, r, s, now) -> {
                int n = 50 + r.nextInt(250);
                for (int i = 0; i < n; i++) {
                    d.extraHeaders.add(Header.of((r.nextBoolean() ? "ce-x" : "x-fuzz-") + i, "v" + i));
                }
            }),
            new Mutation("huge-header", 1, (d, r, s, now) -> d.extraHeaders.add(Header.of(
                    r.nextBoolean() ? "ce-subject" : "x-fuzz", "h".repeat(Hostile.pick(r, List.of(4000, 8100, 9000, 70_000)))))),
            new Mutation("conflicting-length", 1, (d, r, s, now) -> d.extraHeaders.add(r.nextBoolean()
                    ? Header.of("Content-Length", String.valueOf(r.nextInt(50)))
                    : Header.of("Transfer-Encoding", Hostile.pick(r, List.of("chunked", "gzip", "identity", "chunked, chunked"))))),
            new Mutation("odd-header-name", 1, (d, r, s, now) -> d.extraHeaders.add(new Header(
                    Hostile.pick(r, List.of("ce-", "Ce-ID", "ce-id ", "ce_id", "ce-\u00efd", "CE-SOURCE", "ce-Time", "ce--x")),
                    ("v" + r.nextInt(100)).getBytes(StandardCharsets.UTF_8)))),
            new Mutation("connection-close", 1, (d, r, s, now) -> {
                d.extraHeaders.add(Header.of("Connection", "close"));
                d.closeAfter = true;
            }));

    /** {@link #ALL} with its weights, ready to draw from. */
    public static List<Mutation> weighted() {
        List<Mutation> bag = new ArrayList<>();
        for (Mutation mutation : ALL) {
            for (int i = 0; i < mutation.weight(); i++) {
                bag.add(mutation);
            }
        }
        return List.copyOf(bag);
    }

    private static String anyAttribute(Draft d, Random r) {
        List<String> names = new ArrayList<>(d.attributes.keySet());
        names.addAll(REQUIRED);
        names.addAll(OPTIONAL);
        return Hostile.pick(r, names);
    }

    private static List<String> types(Surface s) {
        List<String> types = new ArrayList<>(s.types());
        types.addAll(EventTypes.ALL);
        types.addAll(List.of(Seeds.PING_TYPE, "io.cloudevents.test", "IO.KEDGE.READING.V1", "io.kedge.reading.v1 ",
                "io.kedge.reading.v2", "", "\u0000"));
        return types;
    }

    /** Some object node of the data tree (breadth-first, so top-level objects are likely), or null. */
    private static ObjectNode anyObject(Draft d, Random r) {
        if (d.rawData != null || d.data == null) {
            return null;
        }
        List<ObjectNode> objects = new ArrayList<>();
        Deque<JsonNode> queue = new ArrayDeque<>(List.of(d.data));
        while (!queue.isEmpty() && objects.size() < 20) {
            JsonNode node = queue.poll();
            if (node instanceof ObjectNode object) {
                objects.add(object);
            }
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(queue::add);
            }
        }
        if (objects.isEmpty()) {
            return null;
        }
        // The top level twice as likely: most fields that matter live there.
        return r.nextInt(3) == 0 ? objects.get(r.nextInt(objects.size())) : objects.get(0);
    }

    private static String anyField(ObjectNode object, Random r) {
        return r.nextInt(3) == 0 || object.size() == 0 ? Hostile.pick(r, VOCABULARY) : existingField(object, r);
    }

    private static String existingField(ObjectNode object, Random r) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.get(r.nextInt(names.size()));
    }

    private static String numericField(ObjectNode object, Random r) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (NUMERIC.contains(name) || object.get(name).isNumber()) {
                names.add(name);
            }
        }
        return names.isEmpty() ? null : names.get(r.nextInt(names.size()));
    }

    private static String textField(ObjectNode object, Random r) {
        List<String> names = new ArrayList<>();
        for (String name : TEXT_FIELDS) {
            if (object.has(name) && object.get(name).isTextual()) {
                names.add(name);
            }
        }
        return names.isEmpty() ? null : names.get(r.nextInt(names.size()));
    }

    /** Pads the request to about {@code size} bytes: a long string member, or raw bytes when data is no object. */
    private static void pad(Draft d, Random r, int size) {
        ObjectNode object = d.dataObject();
        int current = d.toRequest().body().length;
        int missing = Math.max(0, size - current - 12);
        if (object != null) {
            object.put("pad", "p".repeat(missing));
        } else {
            byte[] bytes = new byte[size];
            Arrays.fill(bytes, (byte) 'p');
            d.rawData = bytes;
        }
    }

    private static List<Header> replaceHeader(List<Header> headers, String name, byte[] value) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).name().equalsIgnoreCase(name)) {
                headers.set(i, new Header(headers.get(i).name(), value));
                return headers;
            }
        }
        headers.add(new Header(name, value));
        return headers;
    }

    private static List<Header> duplicate(List<Header> headers, int pickAt, String value, boolean before, boolean flipCase) {
        if (headers.isEmpty()) {
            return headers;
        }
        int at = pickAt % headers.size();
        Header original = headers.get(at);
        String name = flipCase ? flip(original.name()) : original.name();
        Header copy = Header.of(name, Draft.percentEncode(value));
        headers.add(before ? at : at + 1, copy);
        return headers;
    }

    private static String flip(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }

    private static byte[] insertAfterFirst(byte[] body, byte marker, byte[] insert) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == marker) {
                return splice(body, i + 1, insert);
            }
        }
        return body;
    }

    /** Inserts {@code bad} right after some double quote (inside a string, most of the time), else at the end. */
    private static byte[] insertIntoString(byte[] body, int choice, byte[] bad) {
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '"') {
                quotes.add(i);
            }
        }
        int at = quotes.isEmpty() ? body.length : quotes.get(choice % quotes.size()) + 1;
        return splice(body, at, bad);
    }

    private static byte[] splice(byte[] body, int at, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + insert.length);
        out.write(body, 0, at);
        out.writeBytes(insert);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return splice(a, a.length, b);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Mutations() {
    }
}
