package io.kedge.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.data.Reading;
import io.kedge.device.sensor.Measurement;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DeviceIdentityTest {

    @Test
    void aMeasurementBecomesAReadingOfThisDevice() {
        DeviceIdentity identity = new DeviceIdentity("pi-kitchen", "kitchen");

        Reading reading = identity.toReading("dht11",
                new Measurement(21.3, 44, null, Instant.parse("2026-11-27T10:15:30.120Z")));

        assertThat(reading).isEqualTo(new Reading("pi-kitchen", "kitchen", "dht11", 21.3, 44.0, null,
                "2026-11-27T10:15:30.120Z"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "raspberrypi, pi-raspberrypi",
            "pi-kitchen, pi-kitchen",
            "Garage.local, pi-garage",
            "'  weird host_name \n', pi-weird-host-name",
            "'', pi-local",
            "null, pi-local",
            "'...', pi-local"})
    void defaultIdIsPiDashHostname(String host, String expected) {
        assertThat(DeviceIdentity.deviceIdForHost(host)).isEqualTo(expected);
    }

    @Test
    void blankIdOrLocationIsRefused() {
        assertThatThrownBy(() -> new DeviceIdentity(" ", "kitchen")).hasMessageContaining("device id");
        assertThatThrownBy(() -> new DeviceIdentity("pi-1", "")).hasMessageContaining("location");
    }
}
