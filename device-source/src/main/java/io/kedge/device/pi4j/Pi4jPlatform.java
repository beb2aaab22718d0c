package io.kedge.device.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;

/**
 * Which Pi4J providers the device uses, named explicitly rather than auto-detected, so that a
 * classpath with the mock plugin on it never drives a real Pi with mocks (or the reverse).
 */
public enum Pi4jPlatform {

    /**
     * A Raspberry Pi: GPIO through the kernel's GPIO character device (libgpiod; works on the Pi 5
     * and without root for members of the {@code gpio} group), I2C through {@code /dev/i2c-N}.
     */
    HARDWARE("gpiod-digital-output", "linuxfs-i2c") {
        @Override
        public Context newContext() {
            return Pi4J.newContextBuilder()
                    .add(GpioDDigitalOutputProvider.newInstance(), LinuxFsI2CProvider.newInstance())
                    .disableShutdownHook() // the application shuts the context down; a second hook would race it
                    .build();
        }
    },

    /** Pi4J's mock platform: outputs that only remember their state, I2C registers that replay what was written. */
    MOCK("mock-digital-output", "mock-i2c") {
        @Override
        public Context newContext() {
            return Pi4J.newContextBuilder()
                    .add(new MockPlatform())
                    .add(MockDigitalOutputProvider.newInstance(), MockI2CProvider.newInstance())
                    .disableShutdownHook()
                    .build();
        }
    };

    private final String digitalOutputProvider;
    private final String i2cProvider;

    Pi4jPlatform(String digitalOutputProvider, String i2cProvider) {
        this.digitalOutputProvider = digitalOutputProvider;
        this.i2cProvider = i2cProvider;
    }

    public abstract Context newContext();

    public String digitalOutputProvider() {
        return digitalOutputProvider;
    }

    public String i2cProvider() {
        return i2cProvider;
    }
}
