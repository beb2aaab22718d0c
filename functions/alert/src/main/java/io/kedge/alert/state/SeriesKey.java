package io.kedge.alert.state;

/** One rule for one device: the series an alert fingerprint names. */
public record SeriesKey(String rule, String device) {
}
