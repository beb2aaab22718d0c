package io.kedge.device.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * Verifies the compensation formulas against the worked example of the Bosch BMP280 datasheet
 * (the BME280 shares its temperature and pressure formulas), and the humidity formula against the
 * datasheet's independent 32-bit integer variant.
 */
class Bme280CalibrationTest {

    /** Trimming values of the datasheet's example; humidity ones typical of real parts. */
    static final Bme280Calibration EXAMPLE = new Bme280Calibration(
            27504, 26435, -1000,
            36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
            75, 362, 0, 313, 50, 30);
    static final int ADC_T = 519888;
    static final int ADC_P = 415148;

    @Test
    void temperatureOfTheDatasheetExample() {
        double[] temperature = EXAMPLE.temperature(ADC_T);

        assertThat(temperature[0]).isCloseTo(25.08, offset(0.01));
        assertThat(temperature[1]).as("t_fine").isEqualTo(128422);
    }

    @Test
    void pressureOfTheDatasheetExample() {
        double tFine = EXAMPLE.temperature(ADC_T)[1];

        assertThat(EXAMPLE.pressure(ADC_P, tFine)).isCloseTo(100653.27, offset(0.5));
    }

    @Test
    void humidityAgreesWithTheDatasheetIntegerFormula() {
        double tFine = EXAMPLE.temperature(ADC_T)[1];
        for (int adcH = 20_000; adcH <= 40_000; adcH += 1_000) {
            double expected = integerHumidity(EXAMPLE, adcH, (int) tFine) / 1024.0;
            assertThat(EXAMPLE.humidity(adcH, tFine)).as("adc_H %d", adcH).isCloseTo(expected, offset(0.05));
        }
    }

    @Test
    void humidityIsClampedToZeroToHundred() {
        double tFine = EXAMPLE.temperature(ADC_T)[1];

        assertThat(EXAMPLE.humidity(0, tFine)).isZero();
        assertThat(EXAMPLE.humidity(65_535, tFine)).isEqualTo(100);
    }

    @Test
    void registersParseLittleEndianWithTheSharedNibbles() {
        byte[][] blocks = Bme280Test.calibrationRegisters(EXAMPLE);

        assertThat(Bme280Calibration.parse(blocks[0], blocks[1])).isEqualTo(EXAMPLE);
    }

    @Test
    void negativeH4AndH5KeepTheirSign() {
        Bme280Calibration negative = new Bme280Calibration(27504, 26435, -1000,
                36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000, 75, 362, 0, -20, -7, -3);
        byte[][] blocks = Bme280Test.calibrationRegisters(negative);

        assertThat(Bme280Calibration.parse(blocks[0], blocks[1])).isEqualTo(negative);
    }

    /** bme280_compensate_H_int32 of the datasheet: %RH in Q22.10. */
    static long integerHumidity(Bme280Calibration c, int adcH, int tFine) {
        int v = tFine - 76800;
        v = (((((adcH << 14) - (c.h4() << 20) - (c.h5() * v)) + 16384) >> 15)
                * (((((((v * c.h6()) >> 10) * (((v * c.h3()) >> 11) + 32768)) >> 10) + 2097152) * c.h2() + 8192) >> 14));
        v = v - (((((v >> 15) * (v >> 15)) >> 7) * c.h1()) >> 4);
        v = Math.max(v, 0);
        v = Math.min(v, 419430400);
        return v >> 12;
    }
}
