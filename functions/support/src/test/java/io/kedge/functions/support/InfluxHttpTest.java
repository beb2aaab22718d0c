package io.kedge.functions.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kedge.testkit.FreePorts;
import io.kedge.testkit.InfluxServer;
import io.kedge.testkit.RealServers;
import java.net.URI;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies the state client against a real InfluxDB: what it writes is what a query returns, and
 * every failure is a 503 that names the function's state.
 */
@ExtendWith(RealServers.class)
class InfluxHttpTest {

    private static InfluxHttp client(String url) {
        return new InfluxHttp(URI.create(url), Optional.empty(), Optional.empty(), Duration.ofSeconds(5), "test state");
    }

    @Test
    void anAnswersErrorIsFoundAtTheTopOrInAStatementAndANullErrorIsNone() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        assertThat(InfluxHttp.error(json.readTree("{\"error\":\"authorization failed\"}"))).isEqualTo("authorization failed");
        assertThat(InfluxHttp.error(json.readTree("{\"results\":[{\"statement_id\":0},{\"statement_id\":1,"
                + "\"error\":\"database not found: x\"}]}"))).isEqualTo("database not found: x");
        assertThat(InfluxHttp.error(json.readTree("{\"error\":null,\"results\":[{\"statement_id\":0,\"error\":null}]}")))
                .isNull();
    }

    @Test
    void linesWrittenAreReadBackByAQuery(InfluxServer influx) {
        InfluxHttp http = client(influx.url() + "/");
        http.checkErrors(http.post("q=" + InfluxHttp.encode("CREATE DATABASE \"roundtrip\""), "CREATE DATABASE roundtrip",
                "creating database roundtrip"), "CREATE DATABASE roundtrip");

        InfluxHttp.Answer written = http.write("db=roundtrip&precision=ms", "m,device=pi-1 value=21.5 1000\n", "writing");
        JsonNode answer = http.get("db=roundtrip&epoch=ms&q=" + InfluxHttp.encode("SELECT * FROM m GROUP BY *"),
                "SELECT * FROM m", "reading");

        assertThat(written.statusCode()).isEqualTo(204);
        assertThat(InfluxHttp.error(answer)).isNull();
        assertThat(InfluxLines.rows(answer.path("results").path(0)))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("device").asText()).isEqualTo("pi-1");
                    assertThat(row.get("time").asLong()).isEqualTo(1000);
                    assertThat(row.get("value").asDouble()).isEqualTo(21.5);
                });
    }

    @Test
    void aStatementInfluxDbRefusesIsA503NamingItAndTheError(InfluxServer influx) {
        InfluxHttp http = client(influx.url());
        JsonNode answer = http.post("db=missing&q=" + InfluxHttp.encode("SELECT * FROM m"), "SELECT * FROM m", "reading");

        assertThatThrownBy(() -> http.checkErrors(answer, "SELECT * FROM m"))
                .isInstanceOf(StateUnavailableException.class)
                .hasMessage("InfluxDB at " + influx.url() + " refused SELECT * FROM m: database not found: missing")
                .satisfies(e -> {
                    assertThat(((StateUnavailableException) e).status()).isEqualTo(503);
                    assertThat(((StateUnavailableException) e).error()).isEqualTo("test state unavailable");
                });
    }

    @Test
    void anAnswerOtherThan200IsA503WithItsStatus(InfluxServer influx) {
        InfluxHttp http = client(influx.url());

        assertThatThrownBy(() -> http.get("q=" + InfluxHttp.encode("SELEKT nonsense"), "SELEKT nonsense", "reading"))
                .isInstanceOf(StateUnavailableException.class)
                .hasMessageStartingWith("InfluxDB at " + influx.url() + " answered 400 to SELEKT nonsense: ");
    }

    @Test
    void noServerIsA503SayingWhatWasBeingDone() {
        String nobody = "http://127.0.0.1:" + FreePorts.next();
        InfluxHttp http = client(nobody);

        assertThatThrownBy(() -> http.write("db=x", "m value=1", "writing the test state"))
                .isInstanceOf(StateUnavailableException.class)
                .hasMessageStartingWith("InfluxDB at " + nobody + " unreachable while writing the test state: ")
                .extracting(e -> ((StateUnavailableException) e).error()).isEqualTo("test state unavailable");
    }

    @Test
    void aServerThatNeverAnswersIsA503AfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket held = silent.accept()) {
                    held.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException ignored) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            InfluxHttp http = new InfluxHttp(URI.create(url), Optional.empty(), Optional.empty(), Duration.ofMillis(300),
                    "test state");

            long start = System.nanoTime();
            assertThatThrownBy(() -> http.write("db=x", "m value=1", "writing the test state"))
                    .isInstanceOf(StateUnavailableException.class)
                    .hasMessageStartingWith("InfluxDB at " + url + " did not answer in time while writing the test state");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
