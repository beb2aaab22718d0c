package io.kedge.alert.rules;

import java.util.Locale;

/** How urgent an alert is; the names are the contract's ({@code alert.v1.json}). */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** {@code info}, {@code warning} or {@code critical}, as alert events carry it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity named {@code text}, or {@code null} when it names none. */
    public static Severity parse(String text) {
        for (Severity severity : values()) {
            if (severity.label().equals(text)) {
                return severity;
            }
        }
        return null;
    }
}
