package io.kedge.device.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import io.kedge.device.ManualTime;
import io.kedge.device.pi4j.Pi4jMockTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Verifies the BME280 reader on Pi4J's mock I2C: what it writes to the chip and what it makes of the answers. */
class Bme280Test extends Pi4jMockTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private final ManualTime time = new ManualTime(T0);

    /** The calibration as the chip's registers hold it: 0x88…0xA1 and 0xE1…0xE7. */
    static byte[][] calibrationRegisters(Bme280Calibration c) {
        byte[] low = new byte[Bme280Calibration.LOW_BLOCK_LENGTH];
        int[] words = {c.t1(), c.t2(), c.t3(), c.p1(), c.p2(), c.p3(), c.p4(), c.p5(), c.p6(), c.p7(), c.p8(), c.p9()};
        for (int i = 0; i < words.length; i++) {
            low[2 * i] = (byte) words[i];
            low[2 * i + 1] = (byte) (words[i] >> 8);
        }
        low[25] = (byte) c.h1();
        byte[] high = {
                (byte) c.h2(), (byte) (c.h2() >> 8), (byte) c.h3(),
                (byte) (c.h4() >> 4), (byte) ((c.h4() & 0x0F) | (c.h5() & 0x0F) << 4), (byte) (c.h5() >> 4),
                (byte) c.h6()};
        return new byte[][] {low, high};
    }

    /** The data registers 0xF7…0xFE for raw pressure, temperature (20 bit) and humidity (16 bit). */
    static byte[] dataRegisters(int adcP, int adcT, int adcH) {
        return new byte[] {
                (byte) (adcP >> 12), (byte) (adcP >> 4), (byte) (adcP << 4),
                (byte) (adcT >> 12), (byte) (adcT >> 4), (byte) (adcT << 4),
                (byte) (adcH >> 8), (byte) adcH};
    }

    private MockI2C chip(int chipId) {
        MockI2C chip = i2c(1, 0x76);
        chip.writeRegister(Bme280.CHIP_ID_REGISTER, (byte) chipId);
        byte[][] calibration = calibrationRegisters(Bme280CalibrationTest.EXAMPLE);
        chip.writeRegister(Bme280Calibration.LOW_BLOCK, calibration[0]);
        chip.writeRegister(Bme280Calibration.HIGH_BLOCK, calibration[1]);
        return chip;
    }

    private static void conversion(MockI2C chip, int adcH, byte... statuses) {
        chip.writeRegister(Bme280.STATUS, statuses);
        chip.writeRegister(Bme280.DATA, dataRegisters(Bme280CalibrationTest.ADC_P, Bme280CalibrationTest.ADC_T, adcH));
    }

    @Test
    void aForcedConversionGivesDegreesPercentAndHectopascal() {
        MockI2C chip = chip(0x60);
        conversion(chip, 30_000, (byte) 0);

        SensorResult result = new Bme280(chip, time, time).read();

        Measurement m = ((SensorResult.Sample) result).measurement();
        assertThat(m.temperature()).isCloseTo(25.08, offset(0.01));
        assertThat(m.pressure()).isCloseTo(1006.53, offset(0.01));
        double tFine = Bme280CalibrationTest.EXAMPLE.temperature(Bme280CalibrationTest.ADC_T)[1];
        assertThat(m.humidity()).isCloseTo(Bme280CalibrationTest.EXAMPLE.humidity(30_000, tFine), offset(0.01));
        assertThat(m.sampledAt()).isEqualTo(T0.plusMillis(10));
    }

    @Test
    void theChipIsSetToOneForcedConversionAtOnceOversampling() {
        MockI2C chip = chip(0x60);
        conversion(chip, 30_000, (byte) 0);

        new Bme280(chip, time, time).read();

        assertThat(written(chip, Bme280.CONFIG, 1)).containsExactly(0);
        assertThat(written(chip, Bme280.CTRL_HUM, 1)).containsExactly(0b001);
        assertThat(written(chip, Bme280.CTRL_MEAS, 1)).containsExactly(0b0010_0101);
    }

    @Test
    void itWaitsWhileTheChipReportsMeasuring() {
        MockI2C chip = chip(0x60);
        conversion(chip, 30_000, (byte) Bme280.MEASURING, (byte) Bme280.MEASURING, (byte) 0);

        SensorResult result = new Bme280(chip, time, time).read();

        assertThat(result).isInstanceOf(SensorResult.Sample.class);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10));
    }

    @Test
    void aConversionThatNeverEndsIsATimeout() {
        MockI2C chip = chip(0x60);
        byte measuring = (byte) Bme280.MEASURING;
        conversion(chip, 30_000, measuring, measuring, measuring, measuring, measuring);

        SensorResult.Failure failure = (SensorResult.Failure) new Bme280(chip, time, time).read();

        assertThat(failure.fault()).isEqualTo(SensorFault.TIMEOUT);
    }

    @Test
    void aBmp280IsNotABme280() {
        MockI2C chip = chip(0x58);

        SensorResult.Failure failure = (SensorResult.Failure) new Bme280(chip, time, time).read();

        assertThat(failure.fault()).isEqualTo(SensorFault.NOT_FOUND);
        assertThat(failure.detail()).contains("0x58").contains("BMP280");
    }

    @Test
    void aSilentBusIsAnIoErrorAndTheNextReadTriesAgain() {
        MockI2C chip = i2c(1, 0x76); // nothing answers: every register is empty
        Bme280 sensor = new Bme280(chip, time, time);

        SensorResult.Failure first = (SensorResult.Failure) sensor.read();
        assertThat(first.fault()).isEqualTo(SensorFault.IO_ERROR);
        assertThat(first.detail()).contains("0x76");

        // WHEN the sensor answers later, THEN it is picked up without a restart
        MockI2C answering = chip;
        answering.writeRegister(Bme280.CHIP_ID_REGISTER, (byte) 0x60);
        byte[][] calibration = calibrationRegisters(Bme280CalibrationTest.EXAMPLE);
        answering.writeRegister(Bme280Calibration.LOW_BLOCK, calibration[0]);
        answering.writeRegister(Bme280Calibration.HIGH_BLOCK, calibration[1]);
        conversion(answering, 30_000, (byte) 0);
        assertThat(sensor.read()).isInstanceOf(SensorResult.Sample.class);
    }
}
