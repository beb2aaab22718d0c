package io.kedge.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.testkit.AppProcess;

/**
 * A device source started by one test, as its own process: closing it stops the process and
 * keeps its log under {@code target/fault-logs/}.
 */
record DeviceSource(AppProcess app) implements AutoCloseable {

    /** {@code /status}. */
    JsonNode status() {
        return FaultStack.status(app);
    }

    /**
     * What a failure message needs: {@code /status}, {@code /q/health} (a failed MQTT channel shows
     * there) and the end of the log.
     */
    String describe() {
        String status;
        try {
            status = status().toString();
        } catch (RuntimeException e) {
            status = "/status unreachable: " + e.getMessage();
        }
        return status + "\n" + FaultStack.health(app) + "\n" + app.logTail();
    }

    long mqttAccepted() {
        return status().path("mqtt").path("accepted").asLong();
    }

    /**
     * MQTT connections the bridge made, over every start of its process: more than one per start
     * means it lost its connection (and Mosquitto redelivers what it had not acknowledged).
     */
    long mqttConnections() {
        return app.logText().lines().filter(line -> line.contains("Connection with") && line.contains("established")).count();
    }

    @Override
    public void close() {
        FaultStack.keepLog(app.log());
        app.close();
    }
}
