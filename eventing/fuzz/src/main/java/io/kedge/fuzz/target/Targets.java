package io.kedge.fuzz.target;

import java.util.List;

/** Starts a target by its name on the command line. */
public final class Targets {

    public static Target start(String name) {
        return switch (name) {
            case "broker" -> BrokerTarget.start();
            case "validate" -> ValidateTarget.start();
            case "store" -> StoreTarget.start();
            case "alert" -> AlertTarget.start();
            case "grafana" -> GrafanaTarget.start();
            default -> throw new IllegalArgumentException("unknown target '" + name + "'");
        };
    }

    /** Closes each, in order, whatever the others do. */
    static void closeAll(List<? extends AutoCloseable> processes) {
        for (AutoCloseable process : processes) {
            try {
                process.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private Targets() {
    }
}
