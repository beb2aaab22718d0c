package io.kedge.edge.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.EventTypes;
import io.kedge.edge.dispatch.ServiceDispatch.Forward;
import io.kedge.edge.dispatch.ServiceDispatch.Refuse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies which function of a Service takes an event when the Services share one Funqy app. */
class ServiceDispatchTest {

    private static final String PING = "dev.knative.sources.ping";
    private static final Map<String, List<String>> SERVICES = Map.of(
            "kedge-validate", List.of("validate"),
            "kedge-store", List.of("store", "storeAlertFired", "storeAlertResolved"),
            "kedge-alert", List.of("alert", "tick", "notify", "notifyResolved"),
            "kedge-aggregate", List.of("aggregate", "aggregateTick"));
    /** The functions' own mappings, with the edge's private triggers for the store's and aggregate's functions. */
    private static final Map<String, String> EDGE_TRIGGERS = Map.of(
            "validate", EventTypes.READING,
            "store", "kedge-store/" + EventTypes.READING_VALIDATED,
            "storeAlertFired", "kedge-store/" + EventTypes.ALERT_FIRED,
            "storeAlertResolved", "kedge-store/" + EventTypes.ALERT_RESOLVED,
            "alert", EventTypes.READING_VALIDATED,
            "tick", PING,
            "notify", EventTypes.ALERT_FIRED,
            "notifyResolved", EventTypes.ALERT_RESOLVED,
            "aggregate", "kedge-aggregate/" + EventTypes.READING_VALIDATED,
            "aggregateTick", "kedge-aggregate/" + PING);
    private static final Set<String> FUNCTIONS = EDGE_TRIGGERS.keySet();

    static Stream<Arguments> deliveries() {
        return Stream.of(
                Arguments.of("kedge-validate", EventTypes.READING, new Forward("validate", "/validate", null)),
                Arguments.of("kedge-store", EventTypes.READING_VALIDATED,
                        new Forward("store", "/store", "kedge-store/" + EventTypes.READING_VALIDATED)),
                Arguments.of("kedge-store", EventTypes.ALERT_FIRED,
                        new Forward("storeAlertFired", "/storeAlertFired", "kedge-store/" + EventTypes.ALERT_FIRED)),
                Arguments.of("kedge-store", EventTypes.ALERT_RESOLVED,
                        new Forward("storeAlertResolved", "/storeAlertResolved", "kedge-store/" + EventTypes.ALERT_RESOLVED)),
                Arguments.of("kedge-alert", EventTypes.READING_VALIDATED, new Forward("alert", "/alert", null)),
                Arguments.of("kedge-alert", EventTypes.ALERT_FIRED, new Forward("notify", "/notify", null)),
                Arguments.of("kedge-alert", EventTypes.ALERT_RESOLVED, new Forward("notifyResolved", "/notifyResolved", null)),
                Arguments.of("kedge-alert", PING, new Forward("tick", "/tick", null)),
                Arguments.of("kedge-aggregate", EventTypes.READING_VALIDATED,
                        new Forward("aggregate", "/aggregate", "kedge-aggregate/" + EventTypes.READING_VALIDATED)),
                Arguments.of("kedge-aggregate", PING,
                        new Forward("aggregateTick", "/aggregateTick", "kedge-aggregate/" + PING)),
                // no type: not a CloudEvent; the first function's EventGate says why
                Arguments.of("kedge-store", null, new Forward("store", "/store", null)));
    }

    @ParameterizedTest(name = "{0} with {1} goes to {2}")
    @MethodSource("deliveries")
    void eachServiceHandsEachOfItsTypesToItsOwnFunction(String service, String type, Forward expected) {
        assertThat(ServiceDispatch.of(SERVICES, EDGE_TRIGGERS, FUNCTIONS::contains).route(service, type)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("misrouted")
    void aTypeOfAnotherServiceIsRefusedWith422NamingTheServicesTypes(String service, String type) {
        ServiceDispatch.Decision decision = ServiceDispatch.of(SERVICES, EDGE_TRIGGERS, FUNCTIONS::contains).route(service, type);

        assertThat(decision).isInstanceOfSatisfying(Refuse.class, refuse -> {
            assertThat(refuse.status()).isEqualTo(422);
            assertThat(refuse.problem()).startsWith(service + " handles").endsWith("got \"" + type + "\"");
        });
    }

    static Stream<Arguments> misrouted() {
        return Stream.of(
                Arguments.of("kedge-store", EventTypes.READING),
                Arguments.of("kedge-validate", EventTypes.READING_VALIDATED),
                Arguments.of("kedge-alert", "kedge-store/" + EventTypes.READING_VALIDATED),
                Arguments.of("kedge-store", "store"),
                Arguments.of("kedge-aggregate", EventTypes.ALERT_FIRED));
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                Arguments.of("each function's own mapping, as standalone: Funqy would answer 409",
                        (Consumer<Map<String, String>>) triggers -> triggers.put("store", EventTypes.READING_VALIDATED),
                        (Consumer<Map<String, List<String>>>) services -> { },
                        "functions [alert, store] all take io.kedge.reading.validated.v1, and Funqy refuses such an event"
                                + " (409); give all but one a private trigger, e.g. "
                                + "quarkus.funqy.knative-events.mapping.store.trigger=kedge-store/io.kedge.reading.validated.v1"),
                Arguments.of("aggregate's own tick mapping beside alert's: Funqy would answer 409",
                        (Consumer<Map<String, String>>) triggers -> triggers.put("aggregateTick", PING),
                        (Consumer<Map<String, List<String>>>) services -> { },
                        "functions [aggregateTick, tick] all take dev.knative.sources.ping, and Funqy refuses such an event"
                                + " (409); give all but one a private trigger, e.g. "
                                + "quarkus.funqy.knative-events.mapping.tick.trigger=kedge-alert/dev.knative.sources.ping"),
                Arguments.of("a function the app does not have",
                        (Consumer<Map<String, String>>) triggers -> { },
                        (Consumer<Map<String, List<String>>>) services -> services.put("kedge-summarise", List.of("summarise")),
                        "kedge.edge.services.kedge-summarise: no Funqy function \"summarise\" in this app"),
                Arguments.of("a function in two Services",
                        (Consumer<Map<String, String>>) triggers -> { },
                        (Consumer<Map<String, List<String>>>) services -> services.put("kedge-validate", List.of("validate", "tick")),
                        "function \"tick\" is already a function of"),
                Arguments.of("a private trigger of another Service",
                        (Consumer<Map<String, String>>) triggers -> triggers.put("store", "kedge-alert/" + EventTypes.READING_VALIDATED),
                        (Consumer<Map<String, List<String>>>) services -> { },
                        "quarkus.funqy.knative-events.mapping.store.trigger=kedge-alert/io.kedge.reading.validated.v1:"
                                + " a private trigger of kedge-alert, but \"store\" is a function of kedge-store"),
                Arguments.of("two functions of one Service taking one type",
                        (Consumer<Map<String, String>>) triggers -> triggers.put("storeAlertResolved", "kedge-store/" + EventTypes.ALERT_FIRED),
                        (Consumer<Map<String, List<String>>>) services -> { },
                        "kedge.edge.services.kedge-store: functions \"storeAlertFired\" and \"storeAlertResolved\" both take"
                                + " io.kedge.alert.fired.v1"),
                Arguments.of("a Service without functions",
                        (Consumer<Map<String, String>>) triggers -> { },
                        (Consumer<Map<String, List<String>>>) services -> services.put("kedge-empty", List.of()),
                        "kedge.edge.services.kedge-empty: names no function"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void aConfigurationThatCannotRouteStopsTheStartNamingTheKey(String name, Consumer<Map<String, String>> triggerChange,
            Consumer<Map<String, List<String>>> serviceChange, String message) {
        Map<String, String> triggers = new HashMap<>(EDGE_TRIGGERS);
        triggerChange.accept(triggers);
        Map<String, List<String>> services = new HashMap<>(SERVICES);
        serviceChange.accept(services);

        assertThatThrownBy(() -> ServiceDispatch.of(services, triggers, FUNCTIONS::contains))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the edge app cannot route events to its functions:")
                .hasMessageContaining(message);
    }
}
