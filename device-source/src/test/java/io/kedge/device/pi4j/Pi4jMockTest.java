package io.kedge.device.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The one base of every hardware test: a Pi4J context on the mock platform, built the way the
 * application builds it ({@link Pi4jPlatform#MOCK}) before each test and shut down after it, so
 * that no test leaks a pin or a bus into the next (Pi4J's own {@code ComponentTest} pattern).
 */
public abstract class Pi4jMockTest {

    protected Context pi4j;

    @BeforeEach
    void startPi4j() {
        pi4j = Pi4jPlatform.MOCK.newContext();
    }

    @AfterEach
    void shutdownPi4j() {
        pi4j.shutdown();
    }

    /**
     * A mock I2C device. Its registers are FIFOs: what a test writes to a register is what the next
     * reads of that register return, and a burst read pops from the start register's queue.
     */
    protected MockI2C i2c(int bus, int address) {
        I2C device = pi4j.create(I2C.newConfigBuilder(pi4j)
                .id("test-i2c-" + bus + "-" + address)
                .bus(bus)
                .device(address)
                .provider(Pi4jPlatform.MOCK.i2cProvider())
                .build());
        return (MockI2C) device;
    }

    /** Pops every byte written to {@code register} so far. */
    protected static byte[] written(MockI2C device, int register, int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) device.readRegister(register);
        }
        return bytes;
    }
}
