package io.kedge.functions.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
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
        this.mapper = application == null ? null : funqyBinding(application);
    }

    /** Binds as Funqy 3.33's Knative Events binding does: a copy of the application's mapper, thus configured. */
    private static ObjectMapper funqyBinding(ObjectMapper application) {
        return application.copy()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true);
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
     * The data as {@code type}, bound from the tree the gate parsed (cheaper than parsing the
     * bytes again), or {@code parse}'s when no gate ran for this call.
     *
     * @throws IllegalArgumentException when the data does not bind to {@code type}, with Jackson's reason
     */
    public <T> T value(Class<T> type, Supplier<T> parse) {
        JsonNode checked = checked();
        if (checked == null) {
            return parse.get();
        }
        try {
            return readers.get(type).readValue(checked);
        } catch (IOException e) {
            throw new IllegalArgumentException(e instanceof JsonProcessingException json ? json.getOriginalMessage()
                    : e.getMessage(), e);
        }
    }

    private JsonNode checked() {
        RoutingContext context = request == null ? null : request.getCurrent();
        return context == null ? null : context.get(KEY);
    }
}
