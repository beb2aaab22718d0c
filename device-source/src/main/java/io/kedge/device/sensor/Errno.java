package io.kedge.device.sensor;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * Tells the error of a failed sysfs read from its {@link IOException}. The JDK reports {@code read(2)}
 * and {@code open(2)} errors by their {@code strerror} text (glibc's wording), with no number, so
 * the text is what there is to match.
 */
public final class Errno {

    static final String EIO = "Input/output error";
    static final String ETIMEDOUT = "Connection timed out";
    static final String EAGAIN = "Resource temporarily unavailable";
    static final String ENOENT = "No such file or directory";

    public static SensorFault classify(IOException e) {
        if (e instanceof NoSuchFileException) {
            return SensorFault.NOT_FOUND;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains(EIO)) {
            return SensorFault.IO_ERROR;
        }
        if (message.contains(ETIMEDOUT)) {
            return SensorFault.TIMEOUT;
        }
        if (message.contains(EAGAIN)) {
            return SensorFault.TRY_AGAIN;
        }
        if (message.contains(ENOENT)) {
            return SensorFault.NOT_FOUND;
        }
        return SensorFault.OTHER;
    }

    private Errno() {
    }
}
