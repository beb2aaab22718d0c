package io.kedge.contract.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of {@code io.kedge.summary.v1}: one metric of one device over one window of validated
 * readings. Windows are aligned to the clock (UTC epoch multiples of their length, so a minute
 * window starts at second 0); values are in the validated readings' units (°C, %RH, hPa).
 *
 * @param location    where the device stood at its last reading in the window, or absent
 * @param metric      {@code temperature}, {@code humidity} or {@code pressure}
 * @param window      the window's length, ISO-8601 ({@code PT1M})
 * @param windowStart first instant of the window, RFC 3339 in UTC (inclusive)
 * @param windowEnd   end of the window, RFC 3339 in UTC (exclusive)
 * @param count       readings in the window, each sample time counted once; at least 1
 * @param mean        arithmetic mean of the readings, unrounded
 * @param last        the value of the reading with the latest sample time
 * @param lastTime    that sample time, RFC 3339 in UTC
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(
        String deviceId,
        String location,
        String metric,
        String window,
        String windowStart,
        String windowEnd,
        int count,
        double min,
        double max,
        double mean,
        double last,
        String lastTime) {
}
