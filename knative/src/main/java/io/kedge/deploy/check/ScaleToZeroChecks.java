package io.kedge.deploy.check;

import io.kedge.deploy.manifest.ModelTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every Knative Service scales to zero and says how: {@code min-scale} 0, a retention period for
 * the last pod, a concurrency target and a {@code max-scale} (on a Pi, memory is the limit).
 */
public final class ScaleToZeroChecks {

    public static final String MIN_SCALE = "autoscaling.knative.dev/min-scale";
    public static final String MAX_SCALE = "autoscaling.knative.dev/max-scale";
    public static final String TARGET = "autoscaling.knative.dev/target";
    public static final String RETENTION = "autoscaling.knative.dev/scale-to-zero-pod-retention-period";
    /** Go's duration syntax, which Knative parses: {@code 5m}, {@code 1m30s}, {@code 90s}. */
    private static final Pattern DURATION = Pattern.compile("(\\d+(\\.\\d+)?(h|m|s|ms))+");

    public static List<String> problems(ManifestSet set) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : set.workloads()) {
            if (!workload.manifest().is(ModelTypes.SERVING, "Service")) {
                continue;
            }
            List<String> own = new PrefixedList(workload.describe() + ": spec.template.metadata.annotations: ", problems);
            Map<String, String> annotations = workload.annotations();
            if (!"0".equals(annotations.get(MIN_SCALE))) {
                own.add(MIN_SCALE + " is " + quote(annotations.get(MIN_SCALE)) + ", expected \"0\" (scale to zero)");
            }
            String retention = annotations.get(RETENTION);
            if (retention == null || !DURATION.matcher(retention).matches()) {
                own.add(RETENTION + " is " + quote(retention) + ", expected a duration such as \"5m\"");
            }
            positive(annotations, TARGET, own);
            positive(annotations, MAX_SCALE, own);
        }
        return problems;
    }

    private static void positive(Map<String, String> annotations, String key, List<String> problems) {
        String value = annotations.get(key);
        try {
            if (value != null && Integer.parseInt(value) > 0) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " is " + quote(value) + ", expected a positive integer");
    }

    private static String quote(String value) {
        return value == null ? "unset" : "\"" + value + "\"";
    }

    private ScaleToZeroChecks() {
    }
}
