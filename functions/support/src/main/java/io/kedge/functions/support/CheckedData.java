package io.kedge.functions.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.function.Supplier;

/**
 * The data of the event being handled, as {@link EventGate} parsed it to check it. A function
 * that works on the JSON tree takes it from here instead of letting Funqy parse the same bytes
 * again: JSON parsing is a large part of a small function's CPU.
 *
 * <p>Funqy makes the request's routing context current before it calls a function, on the
 * function's thread. That context is where the gate left the tree.
 */
@Singleton
public class CheckedData {

    /** Routing-context key of the parsed data. */
    static final String KEY = "kedge.checked-data";
    private static final Pattern COERCION_HINT = Pattern.compile("\\s*\\(but could if coercion was enabled[^)]*\\)");

    private final CurrentVertxRequest request;
    private final ObjectMapper mapper;
    // A reader per type: the mapper would resolve the type and find its deserializer on every call.
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return mapper.readerFor(type);
        }
    };

    @Inject
    CheckedData(CurrentVertxRequest request, ObjectMapper application) {
        this.request = request;
        this.mapper = application == null ? null : strictBinding(application);
    }

    /**
     * A copy of the application's mapper that binds the data as the contract's schemas read it.
     * Funqy 3.33 binds leniently: member names without regard to case ({@code DeviceId} taken for
     * {@code deviceId}, the last one winning) and scalars coerced ({@code "21.5"} taken as a number,
     * {@code ""} as null, a number as a device id). What validate rejects, store and alert then took.
     * Here a member matches only by its exact name, and a value only of its own JSON type (an
     * integer for a decimal aside); unknown members are still ignored, so that a newer producer's
     * additions do not break this consumer.
     */
    @SuppressWarnings("deprecation") // MapperFeature on a copy: the application's mapper is built by Quarkus
    static ObjectMapper strictBinding(ObjectMapper application) {
        ObjectMapper strict = application.copy()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, false)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType scalar : List.of(LogicalType.Textual, LogicalType.Float, LogicalType.Integer, LogicalType.Boolean)) {
            for (CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.EmptyString,
                    CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
                if (!accepted(scalar, shape)) {
                    strict.coercionConfigFor(scalar).setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        return strict;
    }

    /** Which JSON values a scalar of {@code type} takes: its own kind, and an integer for a decimal. */
    private static boolean accepted(LogicalType type, CoercionInputShape shape) {
        return switch (type) {
            case Textual -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
            case Float -> shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
            case Integer -> shape == CoercionInputShape.Integer;
            case Boolean -> shape == CoercionInputShape.Boolean;
            default -> true;
        };
    }

    /** One that never finds a checked tree, for a function called outside an HTTP request (tests, another host). */
    public static CheckedData none() {
        return new CheckedData(null, null);
    }

    /**
     * The tree the gate parsed, or {@code parse}'s when no gate ran for this call (a function
     * called directly, as in unit tests).
     *
     * @param parse the function's own way to the data, e.g. {@code event::data}
     */
    public JsonNode tree(Supplier<JsonNode> parse) {
        JsonNode checked = checked();
        return checked != null ? checked : parse.get();
    }

    /**
     * The data as {@code type}, bound strictly ({@link #strictBinding}) from the tree the gate
     * parsed (cheaper than parsing the bytes again), or {@code parse}'s when no gate ran for this call.
     *
     * @throws IllegalArgumentException when the data does not bind to {@code type}, with Jackson's
     *         reason and the member it concerns
     */
    public <T> T value(Class<T> type, Supplier<T> parse) {
        JsonNode checked = checked();
        if (checked == null) {
            return parse.get();
        }
        try {
            return readers.get(type).readValue(checked);
        } catch (IOException e) {
            // A plain mismatch of the data is the whole story, and callers report the root cause:
            // then it is this reason, naming the member. A failure with a cause of its own (a
            // record's constructor that threw) keeps that cause as the root.
            throw e.getCause() == null ? new IllegalArgumentException(reason(e)) : new IllegalArgumentException(reason(e), e);
        }
    }

    /** Jackson's reason, prefixed with the member it concerns, without its hint about coercion settings. */
    static String reason(IOException e) {
        if (!(e instanceof JsonProcessingException json)) {
            return e.getMessage();
        }
        String reason = COERCION_HINT.matcher(String.valueOf(json.getOriginalMessage())).replaceAll("");
        if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String member = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "member '" + member + "': " + reason;
        }
        return reason;
    }

    private JsonNode checked() {
        RoutingContext context = request == null ? null : request.getCurrent();
        return context == null ? null : context.get(KEY);
    }
}
