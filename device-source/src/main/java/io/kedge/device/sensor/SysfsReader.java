package io.kedge.device.sensor;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reads one sysfs attribute file whole; the seam between the IIO reader and the kernel. */
@FunctionalInterface
public interface SysfsReader {

    /**
     * The real thing. {@code java.io}, not NIO, on purpose: NIO turns a {@code read(2)} that fails
     * with {@code EAGAIN} into a zero-byte read, while {@link FileInputStream} throws an
     * {@link IOException} whose message is the {@code strerror} text for every error number.
     */
    SysfsReader FILES = file -> {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    };

    String read(Path file) throws IOException;
}
