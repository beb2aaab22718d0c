package io.kedge.alert.state;

import java.time.Instant;

/**
 * The last reading of a device that the rules took.
 *
 * @param at       its sample time
 * @param cause    hash of its event id ({@code Causes}), to recognise it when delivered again
 * @param location where the device reported it stands, or empty
 */
public record DeviceSeen(Instant at, String cause, String location) {

    public DeviceSeen {
        cause = cause == null ? "" : cause;
        location = location == null ? "" : location;
    }
}
