package io.kedge.broker.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies Knative's legacy filter.attributes semantics (knative-cloudevents.md §2.4), case by case. */
class AttributesFilterTest {

    static final CloudEvent FULL = CloudEventBuilder.v1()
            .withId("r-1")
            .withSource(URI.create("/devices/pi-garage"))
            .withType("io.kedge.reading.v1")
            .withSubject("dht11")
            .withTime(OffsetDateTime.parse("2026-11-27T10:15:30Z"))
            .withExtension("site", "garage")
            .withExtension("hops", 5)
            .withDataContentType("application/json; charset=utf-8")
            .withData("{}".getBytes())
            .build();

    static final CloudEvent BARE = CloudEventBuilder.v1()
            .withId("r-2")
            .withSource(URI.create("/devices/pi-garage"))
            .withType("io.kedge.reading.v1")
            .build();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no attributes match every event", BARE, Map.of(), true),
                Arguments.of("exact type matches", FULL, Map.of("type", "io.kedge.reading.v1"), true),
                Arguments.of("another type does not match", FULL, Map.of("type", "io.kedge.reading.validated.v1"), false),
                Arguments.of("comparison is case-sensitive", FULL, Map.of("type", "IO.KEDGE.READING.V1"), false),
                Arguments.of("a prefix is not a match", FULL, Map.of("type", "io.kedge.reading"), false),
                Arguments.of("all keys match", FULL, Map.of("type", "io.kedge.reading.v1", "source", "/devices/pi-garage"), true),
                Arguments.of("one differing key fails the whole filter", FULL,
                        Map.of("type", "io.kedge.reading.v1", "source", "/devices/pi-kitchen"), false),
                Arguments.of("extension matches exactly", FULL, Map.of("site", "garage"), true),
                Arguments.of("extension value differs", FULL, Map.of("site", "kitchen"), false),
                Arguments.of("empty value matches any value of a present extension", FULL, Map.of("site", ""), true),
                Arguments.of("empty value still needs the extension to exist", BARE, Map.of("site", ""), false),
                Arguments.of("absent extension never matches", BARE, Map.of("room", "kitchen"), false),
                Arguments.of("unset core attribute exists as empty, so empty matches", BARE, Map.of("subject", ""), true),
                Arguments.of("unset core attribute does not match a value", BARE, Map.of("subject", "dht11"), false),
                Arguments.of("set subject matches", FULL, Map.of("subject", "dht11"), true),
                Arguments.of("datacontenttype compares with its parameters", FULL, Map.of("datacontenttype", "application/json"), false),
                Arguments.of("datamediatype ignores parameters", FULL, Map.of("datamediatype", "application/json"), true),
                Arguments.of("specversion is filterable", FULL, Map.of("specversion", "1.0"), true),
                Arguments.of("id is filterable", FULL, Map.of("id", "r-1"), true),
                Arguments.of("time compares in RFC 3339 form", FULL, Map.of("time", "2026-11-27T10:15:30Z"), true),
                Arguments.of("integer extension compares by its canonical string", FULL, Map.of("hops", "5"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filterSemantics(String name, CloudEvent event, Map<String, String> attributes, boolean expected) {
        List<String> problems = new ArrayList<>();

        EventFilter filter = AttributesFilter.of(attributes, "spec.filter.attributes", problems);

        assertThat(problems).isEmpty();
        assertThat(filter.matches(event)).isEqualTo(expected);
    }

    @Test
    void invalidAttributeNamesAreReportedAsKnativesWebhookDoes() {
        List<String> problems = new ArrayList<>();

        AttributesFilter.of(Map.of("Type", "x", "site_id", "y"), "spec.filter.attributes", problems);

        assertThat(problems).containsExactlyInAnyOrder(
                "spec.filter.attributes: Invalid attribute name: \"Type\" (only a-z and 0-9)",
                "spec.filter.attributes: Invalid attribute name: \"site_id\" (only a-z and 0-9)");
    }
}
