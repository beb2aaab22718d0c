package io.kedge.device.actuator;

/** Which alerts a device acts on: on a cluster every device source receives every alert. */
public enum ActuatorScope {
    /** Alerts about this device only (its {@code kedge.device.id}). */
    DEVICE,
    /** Alerts about any device at this device's location. */
    LOCATION,
    /** Every alert, e.g. one Pi that drives the fan for a whole site. */
    ANY
}
