package io.kedge.alert.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies reading rules files: every kind, overrides per location and device, environment overrides, and the problems reported. */
class RulesFileTest {

    private static final String FILE = """
            repeat-interval: 4h
            rules:
              - name: temperature-high
                kind: threshold
                metric: temperature
                above: 30
                clear: 28
                for: 2m
                overrides:
                  - location: garage
                    above: 40
                    clear: 38
                  - device: pi-server
                    severity: critical
                    above: 27
                    clear: 25
              - name: temperature-low
                kind: threshold
                metric: temperature
                severity: critical
                below: 5
                clear: 7
                consecutive: 3
                overrides:
                  - location: garage
                    enabled: false
              - name: temperature-jump
                kind: rate-of-change
                metric: temperature
                delta: 5
                window: 10m
                direction: rising
              - name: device-silent
                kind: no-data
                after: 5m
                repeat-interval: 1h
            """;

    @Test
    void readsEveryKindWithDefaultsFilledIn() {
        List<Rule> rules = RulesFile.parse(FILE, "test", Map.of()).rulesFor("pi-kitchen", "kitchen");

        assertThat(rules).containsExactly(
                new ThresholdRule("temperature-high", Severity.WARNING, Metric.TEMPERATURE, ThresholdRule.Direction.ABOVE,
                        30, 28, Duration.ofMinutes(2), 1, Duration.ofHours(4)),
                new ThresholdRule("temperature-low", Severity.CRITICAL, Metric.TEMPERATURE, ThresholdRule.Direction.BELOW,
                        5, 7, Duration.ZERO, 3, Duration.ofHours(4)),
                new RateOfChangeRule("temperature-jump", Severity.WARNING, Metric.TEMPERATURE, 5, 5, Duration.ofMinutes(10),
                        RateOfChangeRule.Trend.RISING, 10, Duration.ofHours(4)),
                new NoDataRule("device-silent", Severity.WARNING, Duration.ofMinutes(5), Duration.ofHours(1)));
    }

    @Test
    void locationOverrideAppliesToDevicesReportingThatLocation() {
        RuleSet rules = RulesFile.parse(FILE, "test", Map.of());

        ThresholdRule garage = (ThresholdRule) rules.rulesFor("pi-garage", "garage").get(0);

        assertThat(garage.level()).isEqualTo(40);
        assertThat(garage.clear()).isEqualTo(38);
        assertThat(garage.holdFor()).as("not overridden").isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void deviceOverrideWinsOverLocationOverride() {
        ThresholdRule server = (ThresholdRule) RulesFile.parse(FILE, "test", Map.of()).rulesFor("pi-server", "garage").get(0);

        assertThat(server.level()).isEqualTo(27);
        assertThat(server.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void overrideCanDisableARuleForALocation() {
        List<Rule> garage = RulesFile.parse(FILE, "test", Map.of()).rulesFor("pi-garage", "garage");

        assertThat(garage).extracting(Rule::name).doesNotContain("temperature-low").contains("temperature-high");
    }

    @Test
    void environmentOverridesTheRuleItselfButNotItsOverrides() {
        RuleSet rules = RulesFile.parse(FILE, "test", Map.of(
                "KEDGE_ALERT_RULE_TEMPERATURE_HIGH_ABOVE", "35",
                "KEDGE_ALERT_RULE_TEMPERATURE_HIGH_CLEAR", "33.5",
                "KEDGE_ALERT_RULE_TEMPERATURE_HIGH_FOR", "0s",
                "KEDGE_ALERT_RULE_DEVICE_SILENT_SEVERITY", "info",
                "KEDGE_ALERT_RULE_TEMPERATURE_JUMP_CLEAR_DELTA", "2",
                "PATH", "/usr/bin"));

        ThresholdRule kitchen = (ThresholdRule) rules.rulesFor("pi-kitchen", "kitchen").get(0);
        ThresholdRule garage = (ThresholdRule) rules.rulesFor("pi-garage", "garage").get(0);

        assertThat(kitchen.level()).isEqualTo(35);
        assertThat(kitchen.clear()).isEqualTo(33.5);
        assertThat(kitchen.holdFor()).isZero();
        assertThat(garage.level()).as("the location override still wins").isEqualTo(40);
        assertThat(rules.rulesFor("pi-kitchen", "kitchen").get(3).severity()).isEqualTo(Severity.INFO);
        assertThat(((RateOfChangeRule) rules.rulesFor("pi-kitchen", "kitchen").get(2)).clearDelta()).isEqualTo(2);
    }

    @Test
    void environmentVariableNamingNoRuleOrKeyIsRefused() {
        RulesException refused = catchThrowableOfType(() -> RulesFile.parse(FILE, "test", Map.of(
                "KEDGE_ALERT_RULE_TEMPERATURE_HIGH_ABOVEE", "35")), RulesException.class);

        assertThat(refused.problems()).singleElement().asString()
                .startsWith("KEDGE_ALERT_RULE_TEMPERATURE_HIGH_ABOVEE: names no rule and key")
                .contains("TEMPERATURE_HIGH");
    }

    @Test
    void environmentValueOfTheWrongTypeIsNamed() {
        assertThatThrownBy(() -> RulesFile.parse(FILE, "test", Map.of("KEDGE_ALERT_RULE_TEMPERATURE_HIGH_ABOVE", "hot")))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("rules[0] (temperature-high): above: must be a number, got \"hot\"");
    }

    @Test
    void theShippedRulesLoadAndHaveOneOfEachKind() {
        RuleSet rules = RulesSource.load(Optional.empty(), Map.of());

        assertThat(rules.names()).containsExactly(
                "temperature-high", "temperature-low", "humidity-high", "temperature-jump", "device-silent");
        assertThat(rules.rulesFor("pi-livingroom", "livingroom")).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("ThresholdRule", "ThresholdRule", "ThresholdRule", "RateOfChangeRule", "NoDataRule");
        assertThat(rules.rulesFor("pi-garage", "garage")).extracting(Rule::name).doesNotContain("temperature-low");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> RulesSource.load(Optional.of("/nonexistent/alert-rules.yaml"), Map.of()))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("/nonexistent/alert-rules.yaml")
                .hasMessageContaining("cannot be read");
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("not YAML at all", "rules: [", "not YAML"),
                Arguments.of("a duplicate key", "rules: []\nrules: []", "not YAML: Duplicate field 'rules'"),
                Arguments.of("no rules list", "repeat-interval: 1h", "rules: required, a list of rules"),
                Arguments.of("an unknown top-level key", "rulez: []\nrules: []", "rulez: unknown key"),
                Arguments.of("a rule without a name", rule("kind: no-data\n    after: 5m"), "rules[0]: name: required"),
                Arguments.of("a name with a space", rule("name: too hot\n    kind: no-data\n    after: 5m"),
                        "rules[0]: name: \"too hot\" must be letters"),
                Arguments.of("an unknown kind", rule("name: x\n    kind: anomaly"), "rules[0] (x): kind: \"anomaly\" is none of threshold, rate-of-change, no-data"),
                Arguments.of("a misspelt key", threshold("abvoe: 30"), "rules[0] (t): abvoe: unknown key; expected one of"),
                Arguments.of("both above and below", threshold("above: 30\n    below: 5"), "above and below: set only one"),
                Arguments.of("neither above nor below", threshold("clear: 5"), "above or below: one is required"),
                Arguments.of("a clear level above the firing level", threshold("above: 30\n    clear: 31"),
                        "rules[0] (t): clear: 31 must be at most above (30)"),
                Arguments.of("a clear level below the firing level of a below rule", threshold("below: 5\n    clear: 4"),
                        "clear: 4 must be at least below (5)"),
                Arguments.of("a level given as text", threshold("above: thirty"), "above: must be a number, got \"thirty\""),
                Arguments.of("a duration without unit syntax", threshold("above: 30\n    for: two minutes"),
                        "for: \"two minutes\" is not a duration"),
                Arguments.of("a negative duration", threshold("above: 30\n    for: PT-1M"), "for: \"PT-1M\" must be zero or more"),
                Arguments.of("zero consecutive readings", threshold("above: 30\n    consecutive: 0"),
                        "consecutive: must be a whole number from 1 up, got 0"),
                Arguments.of("an unknown metric", "rules:\n  - name: t\n    kind: threshold\n    metric: co2\n    above: 30",
                        "metric: \"co2\" is none of temperature, humidity, pressure"),
                Arguments.of("an unknown severity", threshold("above: 30\n    severity: urgent"),
                        "severity: \"urgent\" is none of info, warning, critical"),
                Arguments.of("a rate rule without window", "rules:\n  - name: r\n    kind: rate-of-change\n    metric: humidity\n    delta: 5",
                        "rules[0] (r): window: required"),
                Arguments.of("a clear delta larger than the delta",
                        "rules:\n  - name: r\n    kind: rate-of-change\n    metric: humidity\n    delta: 5\n    clear-delta: 6\n    window: 10m",
                        "clear-delta: 6 must lie between 0 and delta (5)"),
                Arguments.of("a no-data rule naming a metric", "rules:\n  - name: n\n    kind: no-data\n    metric: temperature\n    after: 5m",
                        "metric: a no-data rule watches the device"),
                Arguments.of("a no-data rule of zero minutes", "rules:\n  - name: n\n    kind: no-data\n    after: 0s",
                        "after: \"0s\" must be greater than zero"),
                Arguments.of("two rules of one name", "rules:\n  - {name: n, kind: no-data, after: 5m}\n  - {name: n, kind: no-data, after: 9m}",
                        "rules[1] (n): name: \"n\" is used by an earlier rule"),
                Arguments.of("an override naming both device and location",
                        threshold("above: 30\n    overrides:\n      - {device: a, location: b, above: 31}"),
                        "rules[0] (t).overrides[0]: name exactly one of location or device"),
                Arguments.of("an override changing the metric",
                        threshold("above: 30\n    overrides:\n      - {device: a, metric: humidity}"),
                        "rules[0] (t).overrides[0] (device a): metric: unknown key"),
                Arguments.of("an override that breaks the rule",
                        threshold("above: 30\n    clear: 28\n    overrides:\n      - {location: garage, clear: 35}"),
                        "rules[0] (t).overrides[0] (location garage): clear: 35 must be at most above (30)"),
                Arguments.of("a device and a location override that clash only together",
                        threshold("above: 30\n    clear: 28\n    overrides:\n      - {location: garage, above: 40, clear: 38}\n      - {device: pi-x, above: 35}"),
                        "rules[0] (t) for device pi-x at location garage: clear: 38 must be at most above (35)"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("invalidFiles")
    void refusesWithAMessageNamingTheProblem(String behaviour, String file, String expected) {
        RulesException refused = catchThrowableOfType(() -> RulesFile.parse(file, "rules.yaml", Map.of()), RulesException.class);

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.problems()).anySatisfy(problem -> assertThat(problem).contains(expected));
        assertThat(refused.getMessage()).startsWith("alert rules rules.yaml are invalid:");
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        RulesException refused = catchThrowableOfType(() -> RulesFile.parse("""
                rules:
                  - {name: a, kind: threshold, metric: temperature, above: x}
                  - {name: b, kind: rate-of-change, metric: wind, delta: -1, window: 10m}
                  - {name: c, kind: no-data}
                """, "rules.yaml", Map.of()), RulesException.class);

        assertThat(refused.problems()).containsExactly(
                "rules[0] (a): above: must be a number, got \"x\"",
                "rules[1] (b): metric: \"wind\" is none of temperature, humidity, pressure",
                "rules[1] (b): delta: -1 must be greater than 0",
                "rules[2] (c): after: required, a duration such as 30s, 10m or 2h");
    }

    private static String rule(String body) {
        return "rules:\n  - " + body;
    }

    private static String threshold(String keys) {
        return "rules:\n  - name: t\n    kind: threshold\n    metric: temperature\n    " + keys;
    }
}
