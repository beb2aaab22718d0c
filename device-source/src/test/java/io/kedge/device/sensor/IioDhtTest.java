package io.kedge.device.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.device.ManualTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verifies the kernel IIO reader against a fake sysfs tree: values in thousandths, the device
 * found by name, every driver error classified, retries at least 2 s apart, and never two
 * transactions closer than 2 s even across reads.
 */
class IioDhtTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path tree;

    private FakeSysfs sysfs;
    private ManualTime time;
    private final List<Instant> transactions = new ArrayList<>();

    @BeforeEach
    void tree() {
        sysfs = new FakeSysfs(tree);
        time = new ManualTime(T0);
    }

    private IioDht reader(String model, Optional<Path> device, int attempts) {
        SysfsReader recording = file -> {
            if (file.getFileName().toString().equals(IioDht.TEMPERATURE_FILE)) {
                transactions.add(time.instant());
            }
            return sysfs.reader().read(file);
        };
        return new IioDht(model, device, tree, attempts, Duration.ofSeconds(2), recording, time, time);
    }

    @Test
    void valuesInThousandthsBecomeDegreesAndPercent() {
        Path device = sysfs.device(0, "dht11@4");
        sysfs.values(device, 23_100, 45_000);

        SensorResult result = reader("dht11", Optional.empty(), 3).read();

        assertThat(result).isEqualTo(new SensorResult.Sample(new Measurement(23.1, 45.0, null, T0)));
    }

    @Test
    void negativeDht22TemperaturesComeThroughAsTheKernelWritesThem() {
        Path device = sysfs.device(0, "dht11@17");
        sysfs.values(device, -10_100, 65_200);

        SensorResult.Sample sample = (SensorResult.Sample) reader("dht22", Optional.of(device), 3).read();

        assertThat(sample.measurement().temperature()).isEqualTo(-10.1);
        assertThat(sample.measurement().humidity()).isEqualTo(65.2);
    }

    @Test
    void theDeviceIsFoundByItsNameNotItsNumber() {
        sysfs.values(sysfs.device(0, "bmp280"), 99_000, 99_000);
        sysfs.values(sysfs.device(1, "dht11@4"), 21_000, 50_000);

        SensorResult.Sample sample = (SensorResult.Sample) reader("dht11", Optional.empty(), 1).read();

        assertThat(sample.measurement().temperature()).isEqualTo(21.0);
    }

    @Test
    void noDeviceIsNotFoundWithAHintAndNoRetries() {
        sysfs.device(0, "bmp280");

        SensorResult.Failure failure = (SensorResult.Failure) reader("dht11", Optional.empty(), 3).read();

        assertThat(failure.fault()).isEqualTo(SensorFault.NOT_FOUND);
        assertThat(failure.detail()).contains("dtoverlay=dht11");
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void anEioIsRetriedTwoSecondsLaterAndTheSampleKeepsTheRetriedFault() {
        // GIVEN the first transaction fails with a real EIO, and the sensor answers by the next one
        Path device = sysfs.device(0, "dht11@4");
        sysfs.eio(device);
        time.duringSleep(() -> sysfs.values(device, 22_000, 40_000));

        SensorResult result = reader("dht11", Optional.of(device), 3).read();

        assertThat(result).isInstanceOf(SensorResult.Sample.class);
        assertThat(result.faults()).containsExactly(SensorFault.IO_ERROR);
        assertThat(((SensorResult.Sample) result).measurement().sampledAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @ParameterizedTest(name = "{0} on every attempt is {1}")
    @CsvSource({"ETIMEDOUT, TIMEOUT", "EAGAIN, TRY_AGAIN"})
    void aDriverErrorOnEveryAttemptFailsTheReadAfterAllAttemptsTwoSecondsApart(String errno, SensorFault expected) {
        Path device = sysfs.device(0, "dht11@4");
        sysfs.error(device, errno);

        SensorResult.Failure failure = (SensorResult.Failure) reader("dht11", Optional.of(device), 3).read();

        assertThat(failure.fault()).isEqualTo(expected);
        assertThat(failure.faults()).containsExactly(expected, expected, expected);
        assertThat(failure.detail()).contains(FakeSysfs.STRERROR.get(errno)).contains("3 attempts");
        assertThat(transactions).containsExactly(T0, T0.plusSeconds(2), T0.plusSeconds(4));
    }

    @Test
    void theRealReaderReportsARealEioWithTheTextTheClassifierMatches() {
        Path device = sysfs.device(0, "dht11@4");
        sysfs.eio(device);

        assertThatThrownBy(() -> SysfsReader.FILES.read(device.resolve(IioDht.TEMPERATURE_FILE)))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(Errno.classify((IOException) e)).isEqualTo(SensorFault.IO_ERROR));
    }

    @Test
    void aDirectoryInPlaceOfTheAttributeIsAnOtherErrorAndNotRetried() throws IOException {
        Path device = sysfs.device(0, "dht11@4");
        Files.createDirectory(device.resolve(IioDht.TEMPERATURE_FILE));

        SensorResult.Failure failure = (SensorResult.Failure) reader("dht11", Optional.of(device), 3).read();

        assertThat(failure.fault()).isEqualTo(SensorFault.OTHER);
        assertThat(failure.detail()).contains("Is a directory");
        assertThat(failure.faults()).as("an unknown error is retried: it may be transient").hasSize(3);
    }

    @Test
    void aMissingAttributeIsNotFoundAndNotRetried() {
        Path device = sysfs.device(0, "dht11@4");

        SensorResult.Failure failure = (SensorResult.Failure) reader("dht11", Optional.of(device), 3).read();

        assertThat(failure.fault()).isEqualTo(SensorFault.NOT_FOUND);
        assertThat(failure.faults()).hasSize(1);
    }

    @Test
    void textThatIsNotANumberIsAnOtherErrorNamingTheFileAndNotRetried() throws IOException {
        Path device = sysfs.device(0, "dht11@4");
        sysfs.values(device, 0, 0);
        Files.writeString(device.resolve(IioDht.TEMPERATURE_FILE), "abc\n");

        SensorResult.Failure failure = (SensorResult.Failure) reader("dht11", Optional.of(device), 3).read();

        assertThat(failure.fault()).isEqualTo(SensorFault.OTHER);
        assertThat(failure.detail()).contains(IioDht.TEMPERATURE_FILE).contains("\"abc\"");
        assertThat(failure.faults()).hasSize(1);
    }

    @Test
    void twoReadsCloserThanTwoSecondsWaitForTheSensor() {
        Path device = sysfs.device(0, "dht11@4");
        sysfs.values(device, 20_000, 50_000);
        IioDht reader = reader("dht11", Optional.of(device), 3);

        reader.read();
        time.advance(Duration.ofMillis(500));
        reader.read();

        assertThat(transactions).containsExactly(T0, T0.plusSeconds(2));
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(1_500));
    }

    @Test
    void onlyDht11AndDht22AreReadByThisDriver() {
        assertThatThrownBy(() -> reader("bme280", Optional.empty(), 3)).hasMessageContaining("\"bme280\"");
        assertThatThrownBy(() -> reader("dht11", Optional.empty(), 0)).hasMessageContaining("got 0");
    }
}
