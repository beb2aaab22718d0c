package io.kedge.broker.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies the SubscriptionsAPI dialects of a Trigger's {@code spec.filters} as Knative's filter code
 * evaluates them, and the start-up validation that mirrors Knative's webhook (knative-cloudevents.md §2.5).
 */
class SubscriptionsApiFiltersTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static final CloudEvent FULL = CloudEventBuilder.v1()
            .withId("r-1")
            .withSource(URI.create("/devices/pi-garage"))
            .withType("io.kedge.reading.v1")
            .withSubject("dht11")
            .withTime(OffsetDateTime.parse("2026-11-27T10:15:30Z"))
            .withExtension("site", "garage")
            .withExtension("hops", 15)
            .withExtension("urgent", true)
            .withExtension("sig", new byte[] {1, 2, 3})
            .withDataContentType("application/json; charset=utf-8")
            .withData("{\"temperature\":21.0}".getBytes())
            .build();

    static final CloudEvent BARE = CloudEventBuilder.v1()
            .withId("r-2")
            .withSource(URI.create("/devices/sim-1"))
            .withType("io.kedge.reading.validated.v1")
            .build();

    static Stream<Arguments> semantics() {
        return Stream.of(
                Arguments.of("exact matches the whole type", "- exact: {type: io.kedge.reading.v1}", FULL, true),
                Arguments.of("exact does not match a mere prefix", "- exact: {type: io.kedge.reading}", FULL, false),
                Arguments.of("exact is case-sensitive", "- exact: {type: IO.KEDGE.READING.V1}", FULL, false),
                Arguments.of("exact on an extension", "- exact: {site: garage}", FULL, true),
                Arguments.of("exact on an absent extension fails", "- exact: {site: garage}", BARE, false),
                Arguments.of("prefix matches the start of the type", "- prefix: {type: io.kedge.reading.}", FULL, true),
                Arguments.of("prefix equal to the whole value matches", "- prefix: {type: io.kedge.reading.v1}", FULL, true),
                Arguments.of("prefix longer than the value fails", "- prefix: {type: io.kedge.reading.v1.x}", FULL, false),
                Arguments.of("prefix is case-sensitive", "- prefix: {type: IO.}", FULL, false),
                Arguments.of("prefix on an absent extension fails", "- prefix: {site: g}", BARE, false),
                Arguments.of("prefix on an unset subject fails", "- prefix: {subject: d}", BARE, false),
                Arguments.of("suffix matches the end of the source", "- suffix: {source: /pi-garage}", FULL, true),
                Arguments.of("suffix that is not the end fails", "- suffix: {source: /devices}", FULL, false),
                Arguments.of("suffix on an absent extension fails", "- suffix: {site: age}", BARE, false),
                Arguments.of("integer extension is compared as its string", "- prefix: {hops: \"1\"}", FULL, true),
                Arguments.of("integer extension matches exactly as its string", "- exact: {hops: \"15\"}", FULL, true),
                Arguments.of("boolean extension is compared as its string", "- exact: {urgent: \"true\"}", FULL, true),
                Arguments.of("binary extension is compared as its base64 string", "- exact: {sig: AQID}", FULL, true),
                Arguments.of("time is compared in RFC 3339 form", "- prefix: {time: \"2026-11-27T10:\"}", FULL, true),
                Arguments.of("datamediatype is the content type without parameters", "- suffix: {datamediatype: /json}", FULL, true),
                Arguments.of("datacontenttype keeps its parameters", "- suffix: {datacontenttype: /json}", FULL, false),
                Arguments.of("specversion is filterable", "- exact: {specversion: \"1.0\"}", FULL, true),
                Arguments.of("the list is an implicit all: every element matches", """
                        - prefix: {type: io.kedge.}
                        - suffix: {type: .v1}
                        - exact: {site: garage}
                        """, FULL, true),
                Arguments.of("the list is an implicit all: one failing element fails", """
                        - prefix: {type: io.kedge.}
                        - exact: {site: kitchen}
                        """, FULL, false),
                Arguments.of("all passes when every nested filter matches", """
                        - all:
                            - prefix: {source: /devices/}
                            - suffix: {source: garage}
                        """, FULL, true),
                Arguments.of("all fails when one nested filter fails", """
                        - all:
                            - prefix: {source: /devices/}
                            - suffix: {source: kitchen}
                        """, FULL, false),
                Arguments.of("any passes when one nested filter matches", """
                        - any:
                            - exact: {site: kitchen}
                            - exact: {site: garage}
                        """, FULL, true),
                Arguments.of("any fails when no nested filter matches", """
                        - any:
                            - exact: {site: kitchen}
                            - exact: {site: attic}
                        """, FULL, false),
                Arguments.of("not inverts a match", "- not: {exact: {type: io.kedge.reading.v1}}", FULL, false),
                Arguments.of("not inverts a miss", "- not: {prefix: {source: /devices/sim}}", FULL, true),
                Arguments.of("not of an absent extension passes", "- not: {exact: {site: garage}}", BARE, true),
                Arguments.of("dialects nest to any depth", """
                        - all:
                            - prefix: {type: io.kedge.reading.}
                            - any:
                                - not: {prefix: {source: /devices/sim}}
                                - exact: {subject: dht11}
                        """, BARE, false),
                Arguments.of("a nested any rescues a failing branch", """
                        - all:
                            - prefix: {type: io.kedge.reading.}
                            - any:
                                - not: {prefix: {source: /devices/sim}}
                                - exact: {subject: dht11}
                        """, FULL, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("semantics")
    void evaluatesAsKnativesFilterCode(String name, String filters, CloudEvent event, boolean expected) {
        List<String> problems = new ArrayList<>();

        EventFilter filter = SubscriptionsApiFilters.compile(yaml(filters), "spec.filters", problems).orElseThrow();

        assertThat(problems).isEmpty();
        assertThat(filter.matches(event)).isEqualTo(expected);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("two dialects in one element, as in Knative's docs example", """
                        - exact: {type: io.kedge.reading.v1}
                          suffix: {source: garage}
                        """, List.of("spec.filters[0]: multiple dialects found (exact, suffix), filters can have only one"
                        + " dialect set; put each in its own list element (the list is an implicit all)")),
                Arguments.of("exact with an empty map", "- exact: {}",
                        List.of("spec.filters[0].exact: empty; name one attribute and its value, e.g. {type: io.kedge.reading.v1}")),
                Arguments.of("prefix with two attributes", "- prefix: {type: io.kedge., source: /devices}",
                        List.of("spec.filters[0].prefix: Multiple items found, can have only one key-value (type, source);"
                                + " put each attribute in its own list element")),
                Arguments.of("suffix with an empty attribute name", "- suffix: {'': garage}",
                        List.of("spec.filters[0].suffix: attribute name must not be empty")),
                Arguments.of("exact with an empty value", "- exact: {site: ''}",
                        List.of("spec.filters[0].exact.site: value must not be empty (the filters dialects have no \"any value\")")),
                Arguments.of("prefix with a missing value", "- prefix: {site: null}",
                        List.of("spec.filters[0].prefix.site: value must not be empty (the filters dialects have no \"any value\")")),
                Arguments.of("exact with an unquoted number", "- exact: {hops: 5}",
                        List.of("spec.filters[0].exact.hops: must be a string, not a number; quote it: \"5\"")),
                Arguments.of("an uppercase attribute name", "- exact: {Type: io.kedge.reading.v1}",
                        List.of("spec.filters[0].exact: Invalid attribute name: \"Type\" (a lowercase letter, then only a-z and 0-9)")),
                Arguments.of("an attribute name starting with a digit", "- prefix: {1st: a}",
                        List.of("spec.filters[0].prefix: Invalid attribute name: \"1st\" (a lowercase letter, then only a-z and 0-9)")),
                Arguments.of("filtering on data", "- prefix: {data: '{'}",
                        List.of("spec.filters[0].prefix.data: filtering on data is not supported; filters compare context attributes only")),
                Arguments.of("an unknown dialect", "- regex: {type: io.*}",
                        List.of("spec.filters[0].regex: unknown filter dialect; use exact, prefix, suffix, all, any or not")),
                Arguments.of("a misspelt dialect next to a valid one", "- prefix: {type: io.}\n  sufix: {type: .v1}",
                        List.of("spec.filters[0].sufix: unknown filter dialect; use exact, prefix, suffix, all, any or not")),
                Arguments.of("cesql, not supported yet", "- cesql: \"type LIKE 'io.kedge.%'\"",
                        List.of("spec.filters[0].cesql: CloudEvents SQL (cesql) is not supported yet by the local broker;"
                                + " express the filter with exact, prefix, suffix, all, any and not")),
                Arguments.of("cesql nested under not", "- not: {cesql: \"EXISTS site\"}",
                        List.of("spec.filters[0].not.cesql: CloudEvents SQL (cesql) is not supported yet by the local broker;"
                                + " express the filter with exact, prefix, suffix, all, any and not")),
                Arguments.of("an element without dialect", "- {}",
                        List.of("spec.filters[0]: no filter dialect; set one of exact, prefix, suffix, all, any or not")),
                Arguments.of("not without a nested filter", "- not: {}",
                        List.of("spec.filters[0].not: no filter dialect; set one of exact, prefix, suffix, all, any or not")),
                Arguments.of("not with a missing nested filter", "- not: null",
                        List.of("spec.filters[0].not: must be a filter with one dialect: exact, prefix, suffix, all, any or not")),
                Arguments.of("all with an empty list", "- all: []",
                        List.of("spec.filters[0].all: must contain at least one filter")),
                Arguments.of("any that is not a list", "- any: {exact: {site: garage}}",
                        List.of("spec.filters[0].any: must be a list of filters")),
                Arguments.of("a nested problem names its full field path", """
                        - exact: {type: io.kedge.reading.v1}
                        - any:
                            - prefix: {}
                        """, List.of("spec.filters[1].any[0].prefix: empty; name one attribute and its value,"
                        + " e.g. {type: io.kedge.reading.v1}")),
                Arguments.of("every problem is reported, not only the first", """
                        - exact: {}
                        - all:
                            - suffix: {Source: x}
                            - not: {cesql: "true"}
                        """, List.of(
                        "spec.filters[0].exact: empty; name one attribute and its value, e.g. {type: io.kedge.reading.v1}",
                        "spec.filters[1].all[0].suffix: Invalid attribute name: \"Source\" (a lowercase letter, then only a-z and 0-9)",
                        "spec.filters[1].all[1].not.cesql: CloudEvents SQL (cesql) is not supported yet by the local broker;"
                                + " express the filter with exact, prefix, suffix, all, any and not")));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("refused")
    void refusesAtStartWhatKnativesWebhookRefusesOrItsFilterCodeWouldDrop(String name, String filters, List<String> expected) {
        List<String> problems = new ArrayList<>();

        Optional<EventFilter> filter = SubscriptionsApiFilters.compile(yaml(filters), "spec.filters", problems);

        assertThat(problems).containsExactlyElementsOf(expected);
        assertThat(filter).as("no filter is built from a refused spec").isEmpty();
    }

    @Test
    void describesTheCompiledTreeForTheStartupLog() {
        EventFilter filter = SubscriptionsApiFilters.compile(yaml("""
                - prefix: {type: io.kedge.reading.}
                - any:
                    - exact: {site: garage}
                    - not: {suffix: {source: /sim}}
                - all:
                    - exact: {subject: dht11}
                """), "spec.filters", new ArrayList<>()).orElseThrow();

        // A one-element all stands for its element, as in Knative.
        assertThat(filter).hasToString(
                "all(prefix(type=io.kedge.reading.), any(exact(site=garage), not(suffix(source=/sim))), exact(subject=dht11))");
    }

    /**
     * Verifies that a filter compiled once gives, over many events and from several threads at once,
     * the same answers as the rule written out in Java. A correctness check, not a timing.
     */
    @Test
    void compiledOnceEvaluatesManyEventsConcurrentlyAsTheRuleSays() {
        EventFilter filter = SubscriptionsApiFilters.compile(yaml("""
                - prefix: {type: io.kedge.reading.}
                - any:
                    - exact: {site: garage}
                    - suffix: {source: "-7"}
                - not: {exact: {subject: faulty}}
                """), "spec.filters", new ArrayList<>()).orElseThrow();
        List<CloudEvent> events = IntStream.range(0, 20_000).mapToObj(SubscriptionsApiFiltersTest::generated).toList();

        long matched = events.parallelStream().filter(filter::matches).count();
        long expected = events.stream().filter(SubscriptionsApiFiltersTest::ruleWrittenOut).count();

        assertThat(matched).isEqualTo(expected).isBetween(1L, events.size() - 1L);
    }

    private static CloudEvent generated(int i) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId("e-" + i)
                .withSource(URI.create("/devices/pi-" + (i % 11)))
                .withType(i % 3 == 0 ? "io.kedge.alert.v1" : "io.kedge.reading.v" + (i % 2 + 1));
        if (i % 5 != 0) {
            builder.withExtension("site", i % 4 == 0 ? "garage" : "kitchen");
        }
        if (i % 7 == 0) {
            builder.withSubject(i % 2 == 0 ? "faulty" : "dht11");
        }
        return builder.build();
    }

    private static boolean ruleWrittenOut(CloudEvent event) {
        return event.getType().startsWith("io.kedge.reading.")
                && ("garage".equals(event.getExtension("site")) || event.getSource().toString().endsWith("-7"))
                && !"faulty".equals(event.getSubject());
    }

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
