package io.kedge.functions.support;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Quarkus' request body limit, {@code quarkus.http.limits.max-body-size}, as configured (for the
 * messages that name it) and in bytes (for the checks that Quarkus' own body handler does not make).
 *
 * @param text  the limit as written in the configuration, e.g. {@code 1M}
 * @param bytes the same in bytes
 */
public record BodyLimit(String text, long bytes) {

    public static final String KEY = "quarkus.http.limits.max-body-size";
    /** Quarkus' default when the key is not set. */
    static final String DEFAULT = "10240K";

    /** The limit of the running app's configuration. */
    public static BodyLimit configured() {
        return of(ConfigProvider.getConfig().getOptionalValue(KEY, String.class).orElse(DEFAULT));
    }

    /** {@code text} read as Quarkus reads the key (K, M, G suffixes, binary multiples). */
    static BodyLimit of(String text) {
        return new BodyLimit(text, new MemorySizeConverter().convert(text).asLongValue());
    }
}
