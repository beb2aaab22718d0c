package io.kedge.device.actuator;

/**
 * A GPIO output that an alert rule drives.
 *
 * @param pin       BCM GPIO number (GPIO17 is physical pin 11)
 * @param activeLow whether "on" is LOW, as on most relay boards; otherwise "on" is HIGH
 */
public record OutputPin(int pin, boolean activeLow) {

    public OutputPin {
        if (pin < 0 || pin > 27) {
            throw new IllegalArgumentException("GPIO pin must be a BCM number from 0 to 27, got " + pin);
        }
    }
}
