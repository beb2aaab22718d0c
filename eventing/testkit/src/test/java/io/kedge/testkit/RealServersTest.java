package io.kedge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Verifies that the servers tests rely on are real, isolated and cleaned up. */
@ExtendWith(RealServers.class)
class RealServersTest {

    @Test
    void influxStoresWhatIsWrittenAndAnswersQueries(InfluxServer influx) {
        influx.execute("CREATE DATABASE probe");
        influx.write("probe", "m,location=lab temperature=21.5 1700000000000000000");

        List<Map<String, Object>> rows = influx.rows("probe", "SELECT temperature, location FROM m");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("temperature", 21.5).containsEntry("location", "lab");
        assertThat(influx.count("probe", "m", "temperature")).isEqualTo(1);
    }

    @Test
    void influxReportsErrorsInsteadOfEmptyAnswers(InfluxServer influx) {
        assertThatThrownBy(() -> influx.rows("nosuchdb", "SELECT * FROM m"))
                .hasMessageContaining("database not found");
    }

    @Test
    void influxKeepsDataAcrossRestart(InfluxServer influx) {
        influx.execute("CREATE DATABASE durable");
        influx.write("durable", "m v=1 1700000000000000000");

        influx.restart();

        assertThat(influx.count("durable", "m", "v")).isEqualTo(1);
    }

    @Test
    void twoInfluxServersRunSideBySideInTheirOwnDirs() {
        try (InfluxServer a = InfluxServer.start(); InfluxServer b = InfluxServer.start()) {
            a.execute("CREATE DATABASE only_in_a");

            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(b.rows("_internal", "SHOW DATABASES").toString()).doesNotContain("only_in_a");
            assertThat(a.rows("_internal", "SHOW DATABASES").toString()).contains("only_in_a");
        }
    }

    @Test
    void closingAServerFreesItsPortAndDeletesItsDir() {
        InfluxServer influx = InfluxServer.start();
        int port = influx.port();
        var dir = influx.log().getParent();

        influx.close();

        assertThat(FreePorts.isOpen(port)).isFalse();
        assertThat(dir).doesNotExist();
    }

    @Test
    void mosquittoAcceptsMqttConnections(MosquittoServer mosquitto) throws IOException {
        assertThat(mqttConnack(mosquitto.port())).isEqualTo(0);

        mosquitto.restart();

        Poll.until("mosquitto back", Duration.ofSeconds(5), () -> FreePorts.isOpen(mosquitto.port()));
        assertThat(mqttConnack(mosquitto.port())).isEqualTo(0);
    }

    /** Sends a raw MQTT 3.1.1 CONNECT and returns the CONNACK return code (0 = accepted). */
    private static int mqttConnack(int port) throws IOException {
        byte[] connect = {0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 2, 'k', 't'};
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(connect);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] connack = in.readNBytes(4);
            assertThat(connack[0]).isEqualTo((byte) 0x20);
            return connack[3];
        }
    }
}
