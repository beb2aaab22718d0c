package io.kedge.device.sensor;

import com.pi4j.io.i2c.I2C;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * A Bosch BME280 (temperature, humidity, pressure) on I2C through Pi4J, in forced mode: each read
 * starts one conversion at 1× oversampling (about 10 ms), waits for it and reads the eight data
 * registers in one burst. The calibration is read on the first successful contact, so a sensor
 * plugged in late is picked up at the next read.
 *
 * <p>Failures are values, as for the DHT: no answer or a bus error is {@link SensorFault#IO_ERROR},
 * a chip that is not a BME280 (a BMP280 has no humidity) {@link SensorFault#NOT_FOUND}, a
 * conversion that does not finish {@link SensorFault#TIMEOUT}.
 */
public final class Bme280 implements Sensor {

    public static final String MODEL = "bme280";
    public static final int CHIP_ID_REGISTER = 0xD0;
    public static final int CHIP_ID = 0x60;
    public static final int CTRL_HUM = 0xF2;
    public static final int STATUS = 0xF3;
    public static final int CTRL_MEAS = 0xF4;
    public static final int CONFIG = 0xF5;
    public static final int DATA = 0xF7;
    public static final int DATA_LENGTH = 8;
    /** ctrl_hum: humidity oversampling ×1. */
    static final int HUMIDITY_X1 = 0b001;
    /** ctrl_meas: temperature ×1, pressure ×1, forced mode. */
    static final int FORCED_X1 = 0b001 << 5 | 0b001 << 2 | 0b01;
    /** status bit 3: a conversion is running. */
    static final int MEASURING = 0b1000;
    /** Typical conversion at ×1 oversampling of all three is 8 ms, at most 9.3 ms. */
    private static final Duration CONVERSION = Duration.ofMillis(10);
    private static final int STATUS_POLLS = 5;

    private final I2C device;
    private final Clock clock;
    private final Sleeper sleeper;
    private Bme280Calibration calibration;

    public Bme280(I2C device, Clock clock, Sleeper sleeper) {
        this.device = device;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String model() {
        return MODEL;
    }

    /** The sensor converts in 10 ms; a second keeps its self-heating negligible. */
    @Override
    public Duration minimumPeriod() {
        return Duration.ofSeconds(1);
    }

    @Override
    public synchronized SensorResult read() {
        try {
            if (calibration == null) {
                int chip = device.readRegister(CHIP_ID_REGISTER) & 0xFF;
                if (chip != CHIP_ID) {
                    return new SensorResult.Failure(SensorFault.NOT_FOUND, String.format(
                            "chip id 0x%02X at I2C address 0x%02X is not a BME280 (0x60)%s", chip, device.device(),
                            chip == 0x58 ? "; a BMP280 measures no humidity" : ""));
                }
                calibration = Bme280Calibration.parse(
                        burst(Bme280Calibration.LOW_BLOCK, Bme280Calibration.LOW_BLOCK_LENGTH),
                        burst(Bme280Calibration.HIGH_BLOCK, Bme280Calibration.HIGH_BLOCK_LENGTH));
                device.writeRegister(CONFIG, (byte) 0); // no IIR filter: each forced read stands alone
            }
            device.writeRegister(CTRL_HUM, (byte) HUMIDITY_X1); // applies with the next ctrl_meas write
            device.writeRegister(CTRL_MEAS, (byte) FORCED_X1);
            if (!conversionDone()) {
                return new SensorResult.Failure(SensorFault.TIMEOUT, "the conversion did not finish within "
                        + CONVERSION.multipliedBy(STATUS_POLLS).toMillis() + " ms");
            }
            byte[] raw = burst(DATA, DATA_LENGTH);
            int adcP = (raw[0] & 0xFF) << 12 | (raw[1] & 0xFF) << 4 | (raw[2] & 0xFF) >> 4;
            int adcT = (raw[3] & 0xFF) << 12 | (raw[4] & 0xFF) << 4 | (raw[5] & 0xFF) >> 4;
            int adcH = (raw[6] & 0xFF) << 8 | (raw[7] & 0xFF);
            double[] temperature = calibration.temperature(adcT);
            double pascal = calibration.pressure(adcP, temperature[1]);
            double humidity = calibration.humidity(adcH, temperature[1]);
            return new SensorResult.Sample(new Measurement(round(temperature[0], 100), round(humidity, 100),
                    round(pascal / 100.0, 100), clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SensorResult.Failure(SensorFault.OTHER, "interrupted during a conversion");
        } catch (RuntimeException e) {
            // Pi4J reports bus errors (no device at the address, a glitch) as unchecked exceptions.
            return new SensorResult.Failure(SensorFault.IO_ERROR, "I2C bus " + device.bus() + " address "
                    + String.format("0x%02X", device.device()) + ": " + e.getMessage());
        }
    }

    private boolean conversionDone() throws InterruptedException {
        for (int poll = 0; poll < STATUS_POLLS; poll++) {
            sleeper.sleep(CONVERSION);
            if ((device.readRegister(STATUS) & MEASURING) == 0) {
                return true;
            }
        }
        return false;
    }

    private byte[] burst(int register, int length) {
        byte[] data = new byte[length];
        int read = device.readRegister(register, data, 0, length);
        if (read != length) {
            throw new IllegalStateException(String.format("short read at register 0x%02X: %d of %d bytes", register,
                    read, length));
        }
        return data;
    }

    private static double round(double value, int per) {
        return Math.round(value * per) / (double) per;
    }
}
