package io.kedge.device.sensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake {@code /sys/bus/iio/devices} tree in a temp dir, read through the real
 * {@link SysfsReader#FILES}, with the IIO {@code dht11} driver's read errors injected.
 *
 * <p>How errors are made, honestly:
 * <ul>
 *   <li>{@code EIO} for real: the attribute becomes a symlink to {@code /proc/self/mem}, whose first
 *       page is never mapped, so {@code read(2)} fails with {@code EIO} and the JDK throws what it
 *       throws for the kernel driver's {@code EIO};</li>
 *   <li>{@code ETIMEDOUT} and {@code EAGAIN} have no file that produces them on demand, so a marker
 *       file ({@code #ETIMEDOUT}) makes {@link #reader()} throw the {@link IOException} the JDK
 *       throws for that errno: the {@code strerror} text, which {@link Errno} matches. The
 *       {@code EIO} case above proves the real reader's message is that text;</li>
 *   <li>a directory in place of the attribute gives a real {@code EISDIR}, a missing file a real {@code ENOENT}.</li>
 * </ul>
 */
final class FakeSysfs {

    static final Map<String, String> STRERROR = Map.of(
            "ETIMEDOUT", "Connection timed out",
            "EAGAIN", "Resource temporarily unavailable");

    final Path root;
    private final Map<Path, Integer> reads = new ConcurrentHashMap<>();

    FakeSysfs(Path root) {
        this.root = root;
    }

    /** An IIO device directory {@code iio:device<n>} named {@code name}. */
    Path device(int n, String name) {
        Path dir = root.resolve("iio:device" + n);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(IioDht.NAME_FILE), name + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Both attributes hold values, in thousandths as the kernel writes them. */
    void values(Path device, long milliCelsius, long milliPercent) {
        write(device.resolve(IioDht.TEMPERATURE_FILE), milliCelsius + "\n");
        write(device.resolve(IioDht.HUMIDITY_FILE), milliPercent + "\n");
    }

    /** Reading the temperature fails with {@code EIO}, for real. */
    void eio(Path device) {
        Path file = device.resolve(IioDht.TEMPERATURE_FILE);
        try {
            Files.deleteIfExists(file);
            Files.createSymbolicLink(file, Path.of("/proc/self/mem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reading the temperature fails with {@code errno} ({@code ETIMEDOUT} or {@code EAGAIN}). */
    void error(Path device, String errno) {
        write(device.resolve(IioDht.TEMPERATURE_FILE), "#" + errno);
    }

    /** Reads of {@code file} so far through {@link #reader()}. */
    int reads(Path file) {
        return reads.getOrDefault(file, 0);
    }

    /** The real reader, with marker files turned into the errno they name. */
    SysfsReader reader() {
        return file -> {
            reads.merge(file, 1, Integer::sum);
            String text = SysfsReader.FILES.read(file);
            if (text.startsWith("#")) {
                String message = STRERROR.get(text.substring(1).trim());
                throw new IOException(message == null ? "unknown errno marker " + text : message);
            }
            return text;
        };
    }

    private static void write(Path file, String text) {
        try {
            Files.deleteIfExists(file);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
