package io.kedge.broker.route;

import static io.kedge.broker.TestManifests.load;
import static io.kedge.broker.TestManifests.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Verifies that Triggers with spec.filters load from YAML and route events by their dialects, as Knative would. */
class FiltersRoutingTest {

    private static final String FILTERS = "src/test/resources/manifests/filters";

    private final Topology topology = load(FILTERS, Map.of());

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("a garage reading reaches the garage Trigger",
                        "garage-readings", event("io.kedge.reading.v1", "/devices/pi-1", "garage"), true),
                Arguments.of("a reading from a garage device reaches it without the site extension",
                        "garage-readings", event("io.kedge.reading.validated.v1", "/devices/pi-garage", null), true),
                Arguments.of("a kitchen reading does not reach the garage Trigger",
                        "garage-readings", event("io.kedge.reading.v1", "/devices/pi-kitchen", "kitchen"), false),
                Arguments.of("the simulator's garage readings are excluded by not",
                        "garage-readings", event("io.kedge.reading.v1", "/devices/sim-garage", "garage"), false),
                Arguments.of("a garage alert is no reading",
                        "garage-readings", event("io.kedge.alert.v1", "/devices/pi-garage", "garage"), false),
                Arguments.of("filters replace filter: the filters' type is delivered",
                        "replaced", event("io.kedge.alert.v1", "/devices/pi-1", null), true),
                Arguments.of("filters replace filter: the legacy filter's type is not",
                        "replaced", event("io.kedge.reading.v1", "/devices/pi-1", null), false),
                Arguments.of("an empty filters list leaves the legacy filter in charge",
                        "legacy", event("io.kedge.reading.v1", "/devices/pi-1", null), true),
                Arguments.of("an empty filters list does not turn the Trigger into match-all",
                        "legacy", event("io.kedge.alert.v1", "/devices/pi-1", null), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void routesByTheTriggersFilters(String name, String trigger, CloudEvent event, boolean delivered) {
        assertThat(trigger(topology, trigger).filter().matches(event)).isEqualTo(delivered);
    }

    @Test
    void filtersDescribeThemselvesForTheStartupLog() {
        assertThat(trigger(topology, "garage-readings").filter()).hasToString(
                "all(prefix(type=io.kedge.reading.), any(exact(site=garage), suffix(source=-garage)),"
                        + " not(prefix(source=/devices/sim)))");
        assertThat(trigger(topology, "replaced").filter()).hasToString("exact(type=io.kedge.alert.v1)");
        assertThat(trigger(topology, "legacy").filter()).hasToString("{type=io.kedge.reading.v1}");
    }

    private static CloudEvent event(String type, String source, String site) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId("f-1")
                .withSource(URI.create(source))
                .withType(type);
        if (site != null) {
            builder.withExtension("site", site);
        }
        return builder.build();
    }
}
