package io.kedge.device.sensor;

/**
 * A BME280's factory trimming parameters and the compensation formulas of the Bosch datasheet
 * (the double-precision variants, section 4.2.3 / 8.1): raw ADC values in, °C, Pa and %RH out.
 */
public record Bme280Calibration(
        int t1, int t2, int t3,
        int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9,
        int h1, int h2, int h3, int h4, int h5, int h6) {

    /** Registers 0x88…0xA1. */
    public static final int LOW_BLOCK = 0x88;
    public static final int LOW_BLOCK_LENGTH = 26;
    /** Registers 0xE1…0xE7. */
    public static final int HIGH_BLOCK = 0xE1;
    public static final int HIGH_BLOCK_LENGTH = 7;

    /**
     * Parses the two calibration blocks: little-endian words, {@code dig_H4} and {@code dig_H5}
     * sharing the nibbles of register 0xE5.
     */
    public static Bme280Calibration parse(byte[] low, byte[] high) {
        if (low.length != LOW_BLOCK_LENGTH || high.length != HIGH_BLOCK_LENGTH) {
            throw new IllegalArgumentException("calibration blocks must be 26 and 7 bytes, got "
                    + low.length + " and " + high.length);
        }
        return new Bme280Calibration(
                unsigned16(low, 0), signed16(low, 2), signed16(low, 4),
                unsigned16(low, 6), signed16(low, 8), signed16(low, 10), signed16(low, 12), signed16(low, 14),
                signed16(low, 16), signed16(low, 18), signed16(low, 20), signed16(low, 22),
                low[25] & 0xFF,
                signed16(high, 0),
                high[2] & 0xFF,
                (high[3] << 4) | (high[4] & 0x0F),      // 0xE4 is signed: its sign carries into dig_H4
                (high[5] << 4) | ((high[4] & 0xFF) >> 4), // likewise 0xE6 for dig_H5
                high[6]);
    }

    /** Temperature in °C and the {@code t_fine} the other two formulas need. */
    public double[] temperature(int adcT) {
        double var1 = (adcT / 16384.0 - t1 / 1024.0) * t2;
        double var2 = (adcT / 131072.0 - t1 / 8192.0) * (adcT / 131072.0 - t1 / 8192.0) * t3;
        return new double[] {(var1 + var2) / 5120.0, (int) (var1 + var2)};
    }

    /** Pressure in Pa; 0 when the calibration would divide by zero. */
    public double pressure(int adcP, double tFine) {
        double var1 = tFine / 2.0 - 64000.0;
        double var2 = var1 * var1 * p6 / 32768.0;
        var2 = var2 + var1 * p5 * 2.0;
        var2 = var2 / 4.0 + p4 * 65536.0;
        var1 = (p3 * var1 * var1 / 524288.0 + p2 * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * p1;
        if (var1 == 0.0) {
            return 0;
        }
        double p = 1048576.0 - adcP;
        p = (p - var2 / 4096.0) * 6250.0 / var1;
        var1 = p9 * p * p / 2147483648.0;
        var2 = p * p8 / 32768.0;
        return p + (var1 + var2 + p7) / 16.0;
    }

    /** Relative humidity in %, clamped to 0…100 as the datasheet does. */
    public double humidity(int adcH, double tFine) {
        double h = tFine - 76800.0;
        h = (adcH - (h4 * 64.0 + h5 / 16384.0 * h))
                * (h2 / 65536.0 * (1.0 + h6 / 67108864.0 * h * (1.0 + h3 / 67108864.0 * h)));
        h = h * (1.0 - h1 * h / 524288.0);
        return Math.max(0, Math.min(100, h));
    }

    private static int unsigned16(byte[] data, int offset) {
        return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8;
    }

    private static int signed16(byte[] data, int offset) {
        return (short) unsigned16(data, offset);
    }
}
