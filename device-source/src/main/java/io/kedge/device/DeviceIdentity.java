package io.kedge.device;

import io.kedge.contract.data.Reading;
import io.kedge.device.sensor.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Who takes the readings and where it stands: turns a sensor's {@link Measurement} into the
 * contract's {@link Reading}.
 *
 * @param deviceId becomes the event source {@code /devices/{deviceId}} and the InfluxDB tag {@code device}
 * @param location becomes the InfluxDB tag {@code location}
 */
public record DeviceIdentity(String deviceId, String location) {

    public DeviceIdentity {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("device id must not be blank, got \"" + deviceId + "\"");
        }
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("location must not be blank, got \"" + location + "\"");
        }
    }

    public Reading toReading(String sensorModel, Measurement measurement) {
        return new Reading(deviceId, location, sensorModel, measurement.temperature(), measurement.humidity(),
                measurement.pressure(), measurement.sampledAt().toString());
    }

    /**
     * {@code pi-<hostname>}, so that several Pis differ without configuration; {@code pi-local}
     * when the host name cannot be found. In Kubernetes the host name is the pod name, which
     * changes on every restart: set the id explicitly there.
     */
    public static String defaultDeviceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = Files.readString(Path.of("/etc/hostname"));
            } catch (IOException | SecurityException e) {
                host = null;
            }
        }
        return deviceIdForHost(host);
    }

    static String deviceIdForHost(String host) {
        String name = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        name = name.replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (name.isEmpty()) {
            return "pi-local";
        }
        return name.startsWith("pi-") ? name : "pi-" + name;
    }
}
