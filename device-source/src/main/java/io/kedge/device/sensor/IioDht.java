package io.kedge.device.sensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A DHT11 or DHT22 read through the Linux kernel's IIO {@code dht11} driver
 * ({@code dtoverlay=dht11,gpiopin=N}): {@code in_temp_input} in milli-degrees Celsius and
 * {@code in_humidityrelative_input} in milli-percent, both from the same transaction.
 *
 * <p>The driver fails often ({@code EIO}: checksum or lost edges; {@code ETIMEDOUT}: no answer;
 * {@code EAGAIN}: the kernel's clock too coarse right now), and it does not throttle after a
 * failure, so this reader does: each read makes up to {@code attempts} transactions, and no
 * transaction starts less than {@code spacing} (at least the sensor's 2 s sampling period) after
 * the previous one started, whether it belonged to this read or the last. A missing device or
 * file is not retried: waiting does not load a device-tree overlay.
 *
 * <p>The device is {@code device} when configured, otherwise the first {@code iio:device*} under
 * {@code root} whose {@code name} starts with {@code dht11} (the driver's name for both models);
 * the numbering is not stable across boots, the name is.
 */
public final class IioDht implements Sensor {

    public static final String TEMPERATURE_FILE = "in_temp_input";
    public static final String HUMIDITY_FILE = "in_humidityrelative_input";
    public static final String NAME_FILE = "name";
    /** The kernel driver's name, for DHT11 and DHT22 alike. */
    public static final String DRIVER = "dht11";

    private static final Logger LOG = Logger.getLogger(IioDht.class);

    private final String model;
    private final Optional<Path> configuredDevice;
    private final Path root;
    private final int attempts;
    private final Duration spacing;
    private final SysfsReader reader;
    private final Clock clock;
    private final Sleeper sleeper;
    private Path device;
    private Instant lastTransaction;

    /**
     * @param model    {@code dht11} or {@code dht22}: what the readings say they come from
     * @param device   the {@code /sys/bus/iio/devices/iio:deviceN} directory, or empty to search {@code root}
     * @param root     where IIO devices are listed, {@code /sys/bus/iio/devices} on Linux
     * @param attempts transactions per read, at least 1
     * @param spacing  least time between the starts of two transactions; raised to 2 s
     */
    public IioDht(String model, Optional<Path> device, Path root, int attempts, Duration spacing,
                  SysfsReader reader, Clock clock, Sleeper sleeper) {
        if (!model.equals(Dht11.MODEL) && !model.equals("dht22")) {
            throw new IllegalArgumentException("the IIO dht11 driver reads a dht11 or a dht22, not \"" + model + "\"");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.model = model;
        this.configuredDevice = device;
        this.root = root;
        this.attempts = attempts;
        this.spacing = spacing.compareTo(Dht11.MIN_SAMPLING_PERIOD) < 0 ? Dht11.MIN_SAMPLING_PERIOD : spacing;
        this.reader = reader;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Duration minimumPeriod() {
        return Dht11.MIN_SAMPLING_PERIOD;
    }

    /** Where the device was found, or what is searched: for the startup log line. */
    public String describe() {
        return configuredDevice.map(Path::toString)
                .orElseGet(() -> (device != null ? device + ", found by name under " : "the first " + DRIVER + "* under ") + root);
    }

    @Override
    public synchronized SensorResult read() {
        Optional<Path> dir = device();
        if (dir.isEmpty()) {
            return new SensorResult.Failure(SensorFault.NOT_FOUND, "no IIO device named " + DRIVER + "* under " + root
                    + " (is dtoverlay=dht11,gpiopin=N in /boot/firmware/config.txt?)");
        }
        List<SensorFault> faults = new ArrayList<>();
        String detail = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                awaitSpacing();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                faults.add(SensorFault.OTHER);
                return new SensorResult.Failure(SensorFault.OTHER, "interrupted while waiting to retry", faults);
            }
            lastTransaction = clock.instant();
            try {
                double celsius = thousandths(dir.get().resolve(TEMPERATURE_FILE));
                double humidity = thousandths(dir.get().resolve(HUMIDITY_FILE));
                return new SensorResult.Sample(new Measurement(celsius, humidity, null,
                        lastTransaction.truncatedTo(ChronoUnit.MILLIS)), faults);
            } catch (IOException e) {
                SensorFault fault = Errno.classify(e);
                faults.add(fault);
                detail = e.getMessage();
                if (fault == SensorFault.NOT_FOUND) {
                    break;
                }
            } catch (NumberFormatException e) {
                faults.add(SensorFault.OTHER);
                detail = e.getMessage();
                break; // the kernel writes integers; something else is not going to change in 2 s
            }
        }
        SensorFault last = faults.get(faults.size() - 1);
        return new SensorResult.Failure(last, detail + " (" + faults.size() + (faults.size() == 1 ? " attempt)" : " attempts)"),
                faults);
    }

    private void awaitSpacing() throws InterruptedException {
        if (lastTransaction == null) {
            return;
        }
        Duration since = Duration.between(lastTransaction, clock.instant());
        if (since.compareTo(spacing) < 0) {
            sleeper.sleep(spacing.minus(since));
        }
    }

    private double thousandths(Path file) throws IOException {
        String text = reader.read(file).trim();
        try {
            return Long.parseLong(text) / 1000.0;
        } catch (NumberFormatException e) {
            throw new NumberFormatException(file + " holds \"" + text + "\", not an integer");
        }
    }

    private Optional<Path> device() {
        if (configuredDevice.isPresent()) {
            return configuredDevice;
        }
        if (device == null) {
            device = find().orElse(null);
            if (device != null) {
                LOG.infof("Reading the %s at %s", model, device);
            }
        }
        return Optional.ofNullable(device);
    }

    private Optional<Path> find() {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> devices = Files.list(root)) {
            List<Path> found = devices
                    .filter(p -> p.getFileName().toString().startsWith("iio:device"))
                    .sorted()
                    .filter(this::isDht)
                    .toList();
            if (found.size() > 1) {
                LOG.warnf("%d IIO devices are named %s* under %s; reading %s (set kedge.device.iio.device to choose)",
                        found.size(), DRIVER, root, found.get(0));
            }
            return found.stream().findFirst();
        } catch (IOException e) {
            LOG.debugf("Cannot list %s: %s", root, e.getMessage());
            return Optional.empty();
        }
    }

    private boolean isDht(Path dir) {
        try {
            return reader.read(dir.resolve(NAME_FILE)).trim().startsWith(DRIVER);
        } catch (IOException e) {
            return false;
        }
    }
}
