package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.bench.load.MqttSender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end benchmark, tiny: a fresh InfluxDB and Mosquitto, the real broker, validate, store,
 * alert, aggregate and device-source jars (built before this module by the reactor), one 3 s step
 * at 40 readings/s, about half over MQTT, then a burst of 300 at 1,000/s; and the same with
 * {@code --edge} against the packaged edge app (one 3 s step at 50/s, the same burst). Asserts what
 * was counted — every reading sent is in InfluxDB once, every firing reading fired, every probe was
 * seen, each process's RSS read around the burst — never how fast, nor whether memory stayed flat.
 */
class PipelineBenchSmokeTest {

    @Test
    void everyReadingSentOverMqttAndHttpIsStoredOnceAndEveryFiringReadingFires() throws Exception {
        Path out = Path.of("target/bench-smoke/pipeline.md").toAbsolutePath();
        Path plot = Path.of("target/bench-smoke/pipeline.png").toAbsolutePath();
        Files.deleteIfExists(out);
        Files.deleteIfExists(plot);
        PipelineBenchOptions options = PipelineBenchOptions.parse(List.of("--rates", "40", "--step", "3s", "--warmup", "0",
                        "--alerts-per-second", "4", "--probes-per-second", "10", "--drain-timeout", "120s",
                        "--burst", "300", "--burst-rate", "1000", "--burst-settle", "1s", "--out", out.toString(),
                        // C1 only: a run this short is over before C2 would pay off, and the machine may be busy
                        "--functions-jvm", "-XX:+UseSerialGC -Xmx128m -XX:TieredStopAtLevel=1"),
                BenchFlags.repositoryRoot(Path.of("")), Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        PipelineBenchReport report = new PipelineBench(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        PipelineStep step = report.steps().get(0);
        assertThat(step.sent()).isEqualTo(120);
        long overMqtt = overMqtt(120, options.fireEvery(40), options.probeEvery(40));
        assertThat(overMqtt).as("about half").isBetween(40L, 80L);
        assertThat(step.mqttAcked()).as("published over MQTT, acknowledged by Mosquitto").isEqualTo(overMqtt);
        assertThat(step.httpAccepted()).as("posted to the broker, 202").isEqualTo(120 - overMqtt);
        assertThat(step.stored()).as("points in InfluxDB").isEqualTo(step.accepted());
        assertThat(step.alertsExpected()).as("one in 10 fires").isEqualTo(12);
        assertThat(step.alertsFired()).isEqualTo(step.alertsExpected());
        assertThat(step.probes().seen()).as("probes seen in InfluxDB").isEqualTo(step.probes().sent()).isPositive();
        assertThat(step.usage().of("device-source").peakRssBytes()).isPositive();
        assertThat(step.cpuSeconds()).isPositive();
        assertBurstStoredWithMemoryOfEach(report.burst(), PipelineMode.APPS);

        String written = Files.readString(out);
        assertThat(SmokeOutput.headerOfFirstTable(written)).containsExactlyElementsOf(PipelineBenchReport.COLUMNS);
        assertThat(written).contains("### Memory per process", "| idle ", "### Burst: 300 readings at 1,000/s", "### Targets",
                "memory flat under a burst of 50,000 readings");
        assertThat(plot).isRegularFile();
        String printed = console.toString(StandardCharsets.UTF_8);
        for (String process : List.of("broker", "validate", "store", "alert", "aggregate", "device-source", "influxd",
                "mosquitto")) {
            SmokeOutput.assertGone(printed, process + " pid (\\d+)");
        }
    }

    @Test
    void theEdgeAppStoresEveryReadingSentOverMqttAndHttpAndFiresEveryAlert() throws Exception {
        Path out = Path.of("target/bench-smoke/pipeline-edge.md").toAbsolutePath();
        Path plot = Path.of("target/bench-smoke/pipeline-edge.png").toAbsolutePath();
        Files.deleteIfExists(out);
        Files.deleteIfExists(plot);
        // the edge app with the options of eventing/edge/jvm.options, as ./kedge up --edge starts it
        PipelineBenchOptions options = PipelineBenchOptions.parse(List.of("--edge", "--rates", "50", "--step", "3s",
                        "--warmup", "0", "--alerts-per-second", "5", "--probes-per-second", "10", "--drain-timeout", "120s",
                        "--burst", "300", "--burst-rate", "1000", "--burst-settle", "1s", "--out", out.toString()),
                BenchFlags.repositoryRoot(Path.of("")), Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        PipelineBenchReport report = new PipelineBench(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        PipelineStep step = report.steps().get(0);
        assertThat(step.sent()).isEqualTo(150);
        long overMqtt = overMqtt(150, options.fireEvery(50), options.probeEvery(50));
        assertThat(step.mqttAcked()).as("published over MQTT to the edge's bridge, acknowledged by Mosquitto")
                .isEqualTo(overMqtt).isPositive();
        assertThat(step.httpAccepted()).as("posted to the edge's broker ingress, 202").isEqualTo(150 - overMqtt);
        assertThat(step.stored()).as("points in InfluxDB").isEqualTo(step.accepted());
        assertThat(step.alertsExpected()).as("one in 10 fires").isEqualTo(15);
        assertThat(step.alertsFired()).isEqualTo(step.alertsExpected());
        assertThat(step.probes().seen()).as("probes seen in InfluxDB").isEqualTo(step.probes().sent()).isPositive();
        assertThat(step.usage().processes()).extracting(Usage.ProcessUse::name)
                .containsExactlyInAnyOrder("edge", "influxd", "mosquitto");
        assertThat(report.idle().of("edge").peakRssBytes()).as("edge RSS idle").isPositive();
        assertThat(step.usage().of("edge").peakRssBytes()).as("edge RSS under load").isPositive();
        assertThat(step.cpuSeconds()).isPositive();
        assertBurstStoredWithMemoryOfEach(report.burst(), PipelineMode.EDGE);

        String written = Files.readString(out);
        assertThat(written).startsWith("## end-to-end benchmark (pipeline, single-process edge app)");
        assertThat(SmokeOutput.headerOfFirstTable(written)).containsExactlyElementsOf(PipelineBenchReport.COLUMNS);
        assertThat(written).contains("JVM options as ./kedge up --edge: edge `" + String.join(" ", options.edgeJvm().options()),
                "single-process edge mode ≤ 160 MB", "### Burst: 300 readings at 1,000/s", "the edge process's RSS");
        assertThat(plot).isRegularFile();
        String printed = console.toString(StandardCharsets.UTF_8);
        for (String process : List.of("edge", "influxd", "mosquitto")) {
            SmokeOutput.assertGone(printed, process + " pid (\\d+)");
        }
    }

    /** The burst's 300 readings were offered, every one sent is stored, and each process has its RSS before, at peak and after. */
    private static void assertBurstStoredWithMemoryOfEach(PipelineBurst burst, PipelineMode mode) {
        assertThat(burst.readings()).isEqualTo(300);
        assertThat(burst.figures().sent()).isEqualTo(300);
        assertThat(burst.accepted()).as("202 or PUBACK").isPositive();
        assertThat(burst.stored()).as("the burst's points in InfluxDB").isEqualTo(burst.accepted());
        assertThat(burst.allStoredSeconds()).isPositive();
        assertThat(burst.memory()).extracting(PipelineBurst.ProcessMemory::name).containsExactlyInAnyOrderElementsOf(mode.processes);
        assertThat(burst.memory()).allSatisfy(m -> {
            assertThat(m.before()).as(m.name() + " RSS before").isPositive();
            assertThat(m.peak()).as(m.name() + " RSS peak").isPositive();
            assertThat(m.after()).as(m.name() + " RSS after").isPositive();
        });
    }

    /** How many of the first {@code count} readings of a step go over MQTT (firing readings and probes alternate by their own count). */
    private static long overMqtt(int count, int fireEvery, int probeEvery) {
        PipelineLoad load = new PipelineLoad("x", "x", 0.5, null);
        return IntStream.range(0, count)
                .filter(i -> MqttSender.isMqtt(load.event(1, i, System.nanoTime(), fireEvery, probeEvery))).count();
    }
}
