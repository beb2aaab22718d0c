package io.kedge.alert.engine;

import io.kedge.alert.rules.Change;
import io.kedge.alert.rules.Rule;
import io.kedge.alert.rules.SeriesState;
import io.kedge.contract.data.Alert;

/** Builds the announcement of a series' transition from its state after it. */
final class Announcements {

    static Announcement of(Rule rule, String device, String location, SeriesState state, Change change) {
        String fingerprint = Fingerprints.of(rule.name(), device);
        boolean resolved = change == Change.RESOLVED;
        Alert alert = new Alert(
                rule.name(),
                rule.severity().label(),
                device,
                location == null || location.isEmpty() ? null : location,
                rule.metric() == null ? null : rule.metric().label(),
                state.value(),
                state.threshold(),
                state.startsAt().toString(),
                resolved ? state.endsAt().toString() : null,
                fingerprint);
        String incident = fingerprint + "/" + state.startsAt();
        return switch (change) {
            case FIRED -> new Announcement(Announcement.Kind.FIRED, rule.severity(), incident + "/fired", state.startsAt(), alert);
            case REPEATED -> new Announcement(Announcement.Kind.FIRED, rule.severity(),
                    incident + "/fired/" + state.announced(), state.announced(), alert);
            case RESOLVED -> new Announcement(Announcement.Kind.RESOLVED, rule.severity(), incident + "/resolved",
                    state.endsAt(), alert);
            case NONE -> throw new IllegalArgumentException("nothing to announce for " + rule.name() + " of " + device);
        };
    }

    private Announcements() {
    }
}
