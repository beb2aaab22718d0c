package io.kedge.broker.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.kedge.broker.dispatch.Dispatcher;
import io.kedge.broker.dlq.DeadLetter;
import io.kedge.broker.dlq.DeadLetterQueue;
import io.kedge.broker.dlq.ReplayResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The dead-letter queue's admin API as plain logic: list, show, replay. Answers JSON, or text for a
 * terminal when asked ({@code Accept: text/plain}); {@code ./kedge dlq} uses the text.
 *
 * <ul>
 *   <li>{@code GET /admin/dlq[?trigger=T][&limit=N]} — the dead letters, oldest first;</li>
 *   <li>{@code GET /admin/dlq/{id}} — one, with its failure and the whole event;</li>
 *   <li>{@code POST /admin/dlq/replay[?trigger=T][&id=ID...][&wait=SECONDS]} — re-delivers the given
 *       ids (all of the trigger's, or all, when none is given) and waits up to {@code wait} seconds
 *       (default 30; 0 answers at once) to report how each ended.</li>
 * </ul>
 */
public final class DlqAdmin {

    /** A response of the admin API. */
    public record Response(int status, String contentType, String body) {

        static Response text(int status, String body) {
            return new Response(status, "text/plain; charset=UTF-8", body);
        }

        static Response json(int status, Object body) {
            try {
                return new Response(status, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e); // a tree of plain nodes always serialises
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 1000;
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private final DeadLetterQueue queue;
    private final Dispatcher dispatcher;

    public DlqAdmin(DeadLetterQueue queue, Dispatcher dispatcher) {
        this.queue = queue;
        this.dispatcher = dispatcher;
    }

    public Response list(Map<String, List<String>> params, boolean text) {
        Optional<String> trigger = first(params, "trigger");
        int limit;
        try {
            limit = first(params, "limit").map(Integer::parseInt).orElse(DEFAULT_LIMIT);
        } catch (NumberFormatException e) {
            return problem(400, "limit must be a number, got \"" + first(params, "limit").orElse("") + "\"", text);
        }
        DeadLetterQueue.Page page = queue.list(trigger, Math.max(1, limit));
        if (text) {
            return Response.text(200, DlqText.list(page.letters(), page.matching(), dispatcher::isReplaying));
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("total", page.matching());
        ArrayNode items = root.putArray("deadLetters");
        page.letters().forEach(letter -> items.add(summary(letter)));
        return Response.json(200, root);
    }

    public Response show(String idText, boolean text) {
        Optional<Long> id = parseId(idText);
        if (id.isEmpty()) {
            return problem(400, "dead-letter id must be a number, got \"" + idText + "\"", text);
        }
        Optional<DeadLetter> letter = queue.get(id.get());
        if (letter.isEmpty()) {
            return problem(404, "no dead letter " + id.get() + "; ./kedge dlq list shows those there are", text);
        }
        boolean replaying = dispatcher.isReplaying(id.get());
        if (text) {
            return Response.text(200, DlqText.show(letter.get(), replaying));
        }
        ObjectNode node = summary(letter.get());
        node.put("replaying", replaying);
        node.set("event", event(letter.get().event()));
        return Response.json(200, node);
    }

    public CompletionStage<Response> replay(Map<String, List<String>> params, boolean text) {
        Optional<String> trigger = first(params, "trigger");
        List<Long> ids = new ArrayList<>();
        for (String value : params.getOrDefault("id", List.of())) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                Optional<Long> id = parseId(part);
                if (id.isEmpty()) {
                    return CompletableFuture.completedFuture(problem(400,
                            "dead-letter id must be a number, got \"" + part.strip() + "\"", text));
                }
                ids.add(id.get());
            }
        }
        Duration wait;
        try {
            wait = first(params, "wait").map(s -> Duration.ofSeconds(Long.parseLong(s.strip()))).orElse(DEFAULT_WAIT);
        } catch (NumberFormatException e) {
            return CompletableFuture.completedFuture(problem(400, "wait must be a number of seconds", text));
        }
        if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
            return CompletableFuture.completedFuture(problem(400, "wait must be 0 to " + MAX_WAIT.toSeconds()
                    + " seconds", text));
        }
        List<Long> targets = ids.isEmpty() ? queue.ids(trigger) : List.copyOf(new LinkedHashSet<>(ids));
        List<CompletableFuture<ReplayResult>> running = new ArrayList<>();
        for (long id : targets) {
            Optional<DeadLetter> letter = queue.get(id);
            if (letter.isPresent() && trigger.isPresent() && !DeadLetterQueue.matches(letter.get().trigger(), trigger.get())) {
                running.add(CompletableFuture.completedFuture(new ReplayResult(id, letter.get().trigger(),
                        ReplayResult.Outcome.NOT_FOUND, "it belongs to another trigger than " + trigger.get())));
                continue;
            }
            String name = letter.map(DeadLetter::trigger).orElse("");
            running.add(dispatcher.replay(id).toCompletableFuture()
                    .completeOnTimeout(new ReplayResult(id, name, ReplayResult.Outcome.IN_PROGRESS, null),
                            wait.toMillis(), TimeUnit.MILLISECONDS));
        }
        // Async: the last replay may end on the store's writer thread, which must not format responses.
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).thenApplyAsync(done -> {
            List<ReplayResult> results = running.stream().map(CompletableFuture::join).toList();
            if (text) {
                return Response.text(200, DlqText.replay(results));
            }
            ObjectNode root = JSON.createObjectNode();
            ArrayNode items = root.putArray("results");
            results.forEach(result -> items.addObject()
                    .put("id", result.id())
                    .put("trigger", result.trigger())
                    .put("outcome", result.outcome().name().toLowerCase(Locale.ROOT))
                    .put("detail", result.detail()));
            return Response.json(200, root);
        });
    }

    private static ObjectNode summary(DeadLetter letter) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", letter.id());
        node.put("trigger", letter.trigger());
        node.put("broker", letter.broker().path());
        node.put("eventId", letter.event().getId());
        node.put("type", letter.event().getType());
        node.put("source", letter.event().getSource().toString());
        node.put("status", letter.failure().status());
        node.put("reason", letter.failure().reason());
        node.put("body", letter.failure().body());
        node.put("destination", letter.failure().destination());
        node.put("failedAt", letter.failure().failedAt().toString());
        node.put("firstFailedAt", letter.firstFailedAt().toString());
        node.put("attempts", letter.attempts());
        node.put("replays", letter.replays());
        return node;
    }

    private static ObjectNode event(CloudEvent event) {
        ObjectNode node = JSON.createObjectNode();
        for (String name : event.getAttributeNames()) {
            if (event.getAttribute(name) != null) {
                node.put(name, DlqText.text(event.getAttribute(name)));
            }
        }
        for (String name : event.getExtensionNames()) {
            node.put(name, DlqText.text(event.getExtension(name)));
        }
        if (event.getData() != null) {
            node.put("data_base64", Base64.getEncoder().encodeToString(event.getData().toBytes()));
        }
        return node;
    }

    private static Response problem(int status, String message, boolean text) {
        if (text) {
            return Response.text(status, message + "\n");
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("error", message);
        return Response.json(status, node);
    }

    private static Optional<String> first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? Optional.empty()
                : Optional.of(values.get(0).strip());
    }

    private static Optional<Long> parseId(String text) {
        try {
            long id = Long.parseLong(text.strip());
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
