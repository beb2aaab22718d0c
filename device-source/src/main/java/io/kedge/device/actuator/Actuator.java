package io.kedge.device.actuator;

import io.cloudevents.CloudEvent;
import io.kedge.contract.EventData;
import io.kedge.contract.EventTypes;
import io.kedge.contract.data.Alert;
import io.kedge.device.DeviceIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Switches GPIO outputs on alert events: {@code io.kedge.alert.fired.v1} turns the rule's output
 * on, {@code io.kedge.alert.resolved.v1} turns it off. An output stays on while any incident that
 * drives it is firing (several devices in scope, or several rules on one pin), and every fired or
 * resolved event rewrites the level, so a repeated announcement heals an output switched by hand.
 */
public final class Actuator {

    private static final Logger LOG = Logger.getLogger(Actuator.class);

    private final PinMapping mapping;
    private final ActuatorScope scope;
    private final DeviceIdentity identity;
    private final Outputs outputs;
    private final Map<OutputPin, Set<String>> firing = new HashMap<>();

    public Actuator(PinMapping mapping, ActuatorScope scope, DeviceIdentity identity, Outputs outputs) {
        this.mapping = mapping;
        this.scope = scope;
        this.identity = identity;
        this.outputs = outputs;
    }

    /** What became of one event. */
    public sealed interface Outcome {

        /** The output was written; {@code on} is its level now. */
        record Switched(OutputPin output, boolean on, String rule, int incidents) implements Outcome {
        }

        /** Nothing to do: a rule without an output, an alert about another device. */
        record Ignored(String reason) implements Outcome {
        }

        /** Not an alert this endpoint understands: the Trigger or the sender is wrong; retrying cannot help. */
        record Refused(String reason) implements Outcome {
        }

        /** The hardware failed; the output's state is unknown. Worth retrying. */
        record Failed(String reason) implements Outcome {
        }
    }

    public synchronized Outcome handle(CloudEvent event) {
        boolean fired = EventTypes.ALERT_FIRED.equals(event.getType());
        if (!fired && !EventTypes.ALERT_RESOLVED.equals(event.getType())) {
            return new Outcome.Refused("type \"" + event.getType() + "\" is not " + EventTypes.ALERT_FIRED
                    + " or " + EventTypes.ALERT_RESOLVED);
        }
        Alert alert;
        try {
            alert = EventData.read(event, Alert.class);
        } catch (IllegalArgumentException e) {
            return new Outcome.Refused("data of event " + event.getId() + " is not an alert: " + e.getMessage());
        }
        if (alert.rule() == null || alert.rule().isBlank()) {
            return new Outcome.Refused("alert of event " + event.getId() + " names no rule");
        }
        Optional<OutputPin> output = mapping.forRule(alert.rule());
        if (output.isEmpty()) {
            return new Outcome.Ignored("rule \"" + alert.rule() + "\" drives no output");
        }
        Optional<String> outOfScope = outOfScope(alert);
        if (outOfScope.isPresent()) {
            return new Outcome.Ignored(outOfScope.get());
        }
        String incident = alert.fingerprint() != null ? alert.fingerprint() : alert.rule() + "/" + alert.deviceId();
        Set<String> incidents = firing.computeIfAbsent(output.get(), o -> new LinkedHashSet<>());
        if (fired) {
            incidents.add(incident);
        } else {
            incidents.remove(incident);
        }
        boolean on = !incidents.isEmpty();
        try {
            outputs.set(output.get(), on);
        } catch (RuntimeException e) {
            LOG.errorf("event=actuator_failed gpio=%d rule=%s wanted=%s reason=\"%s\"; state UNKNOWN",
                    output.get().pin(), alert.rule(), on ? "on" : "off", e.getMessage());
            return new Outcome.Failed("GPIO " + output.get().pin() + " could not be switched " + (on ? "on" : "off")
                    + ": " + e.getMessage());
        }
        LOG.infof("event=actuator gpio=%d %s rule=%s device=%s alert=%s value=%s threshold=%s incidents=%d",
                output.get().pin(), on ? "on" : "off", alert.rule(), alert.deviceId(), fired ? "fired" : "resolved",
                alert.value(), alert.threshold(), incidents.size());
        return new Outcome.Switched(output.get(), on, alert.rule(), incidents.size());
    }

    /** Each output, whether it is on, and the incidents keeping it on. */
    public synchronized List<State> states() {
        List<State> states = new ArrayList<>();
        for (OutputPin output : mapping.outputs()) {
            boolean on;
            try {
                on = outputs.isOn(output);
            } catch (RuntimeException e) {
                on = false;
            }
            states.add(new State(output, mapping.rules(output), on,
                    List.copyOf(firing.getOrDefault(output, Set.of()))));
        }
        return states;
    }

    /**
     * @param rules     the rules mapped to the output
     * @param on        its level as the hardware reports it
     * @param incidents fingerprints of the incidents keeping it on
     */
    public record State(OutputPin output, List<String> rules, boolean on, List<String> incidents) {
    }

    private Optional<String> outOfScope(Alert alert) {
        return switch (scope) {
            case ANY -> Optional.empty();
            case DEVICE -> identity.deviceId().equals(alert.deviceId()) ? Optional.empty()
                    : Optional.of("alert about device " + alert.deviceId() + ", not this one (" + identity.deviceId() + ")");
            case LOCATION -> identity.location().equals(alert.location()) ? Optional.empty()
                    : Optional.of("alert about location " + alert.location() + ", not this one (" + identity.location() + ")");
        };
    }
}
