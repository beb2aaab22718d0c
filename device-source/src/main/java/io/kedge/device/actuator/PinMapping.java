package io.kedge.device.actuator;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which output each alert rule switches, from one line of configuration (an environment variable
 * is enough): {@code rule=pin[:active-low]}, comma-separated, e.g.
 * {@code temperature-high=17,humidity-high=27:active-low}. Several rules may share a pin (one fan
 * for heat and for damp); they must then agree on its polarity.
 */
public final class PinMapping {

    public static final PinMapping NONE = new PinMapping(Map.of());
    private static final String ACTIVE_LOW = "active-low";

    private final Map<String, OutputPin> byRule;

    private PinMapping(Map<String, OutputPin> byRule) {
        this.byRule = Collections.unmodifiableMap(new LinkedHashMap<>(byRule));
    }

    /**
     * @throws IllegalArgumentException quoting the bad entry
     */
    public static PinMapping parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, OutputPin> byRule = new LinkedHashMap<>();
        Map<Integer, OutputPin> byPin = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.trim();
            int equals = trimmed.indexOf('=');
            if (equals <= 0 || equals == trimmed.length() - 1) {
                throw new IllegalArgumentException("\"" + trimmed + "\" is not rule=pin[:active-low]");
            }
            String rule = trimmed.substring(0, equals).trim();
            String[] target = trimmed.substring(equals + 1).trim().split(":");
            boolean activeLow = false;
            if (target.length == 2 && target[1].trim().equals(ACTIVE_LOW)) {
                activeLow = true;
            } else if (target.length != 1) {
                throw new IllegalArgumentException("\"" + trimmed + "\": after the pin only \":" + ACTIVE_LOW + "\" may follow");
            }
            int pin;
            try {
                pin = Integer.parseInt(target[0].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + trimmed + "\": \"" + target[0].trim() + "\" is not a GPIO number");
            }
            OutputPin output;
            try {
                output = new OutputPin(pin, activeLow);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + trimmed + "\": " + e.getMessage());
            }
            OutputPin shared = byPin.putIfAbsent(pin, output);
            if (shared != null && shared.activeLow() != activeLow) {
                throw new IllegalArgumentException("\"" + trimmed + "\": GPIO " + pin
                        + " is already mapped with the other polarity");
            }
            if (byRule.put(rule, output) != null) {
                throw new IllegalArgumentException("rule \"" + rule + "\" is mapped twice");
            }
        }
        return new PinMapping(byRule);
    }

    public Optional<OutputPin> forRule(String rule) {
        return Optional.ofNullable(rule == null ? null : byRule.get(rule));
    }

    /** Every distinct output, in the order first mapped. */
    public Collection<OutputPin> outputs() {
        return byRule.values().stream().distinct().toList();
    }

    /** The rules that drive {@code output}. */
    public List<String> rules(OutputPin output) {
        return byRule.entrySet().stream().filter(e -> e.getValue().equals(output)).map(Map.Entry::getKey).toList();
    }

    public boolean isEmpty() {
        return byRule.isEmpty();
    }

    @Override
    public String toString() {
        return byRule.toString();
    }
}
