package io.kedge.device.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.kedge.device.actuator.OutputPin;
import io.kedge.device.actuator.Outputs;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The actuator's outputs as Pi4J digital outputs: created off at startup, left off at shutdown
 * (Pi4J's {@code shutdown} state), so a crashed or stopped device never leaves a fan or heater on.
 */
public final class GpioOutputs implements Outputs {

    private static final Logger LOG = Logger.getLogger(GpioOutputs.class);

    private final Map<OutputPin, DigitalOutput> outputs = new LinkedHashMap<>();

    /**
     * @param provider Pi4J provider id of digital outputs, e.g. {@code gpiod-digital-output}
     * @throws RuntimeException from Pi4J when a pin cannot be claimed (in use, no permission)
     */
    public GpioOutputs(Context pi4j, String provider, Collection<OutputPin> pins) {
        for (OutputPin pin : pins) {
            DigitalState off = level(pin, false);
            outputs.put(pin, pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                    .id("kedge-gpio-" + pin.pin())
                    .name("Kedge actuator GPIO" + pin.pin())
                    .address(pin.pin())
                    .initial(off)
                    .shutdown(off)
                    .provider(provider)
                    .build()));
            LOG.infof("GPIO%d ready as an actuator output, off (%s)%s", pin.pin(), off,
                    pin.activeLow() ? ", active low" : "");
        }
    }

    @Override
    public void set(OutputPin pin, boolean on) {
        output(pin).state(level(pin, on));
    }

    @Override
    public boolean isOn(OutputPin pin) {
        return output(pin).state() == level(pin, true);
    }

    /** The Pi4J output behind {@code pin}, for tests that read the mock's state. */
    public DigitalOutput output(OutputPin pin) {
        DigitalOutput output = outputs.get(pin);
        if (output == null) {
            throw new IllegalArgumentException("GPIO" + pin.pin() + " is not an actuator output; configured: "
                    + outputs.keySet());
        }
        return output;
    }

    @Override
    public void close() {
        for (Map.Entry<OutputPin, DigitalOutput> entry : outputs.entrySet()) {
            try {
                entry.getValue().state(level(entry.getKey(), false));
            } catch (RuntimeException e) {
                LOG.errorf("GPIO%d could not be switched off at shutdown: %s; state UNKNOWN", entry.getKey().pin(),
                        e.getMessage());
            }
        }
    }

    private static DigitalState level(OutputPin pin, boolean on) {
        return on != pin.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
    }
}
