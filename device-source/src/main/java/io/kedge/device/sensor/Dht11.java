package io.kedge.device.sensor;

import java.time.Duration;

/** What a DHT11 can report (Aosong datasheet, see design/data-devices-grafana.md §1.5). */
public final class Dht11 {

    public static final String MODEL = "dht11";

    public static final double MIN_CELSIUS = 0;
    public static final double MAX_CELSIUS = 50;
    public static final double MIN_HUMIDITY = 20;
    public static final double MAX_HUMIDITY = 90;

    /** Reading more often returns the previous conversion again, or nothing. */
    public static final Duration MIN_SAMPLING_PERIOD = Duration.ofSeconds(2);

    public static boolean inRange(double celsius, double humidity) {
        return celsius >= MIN_CELSIUS && celsius <= MAX_CELSIUS
                && humidity >= MIN_HUMIDITY && humidity <= MAX_HUMIDITY;
    }

    private Dht11() {
    }
}
