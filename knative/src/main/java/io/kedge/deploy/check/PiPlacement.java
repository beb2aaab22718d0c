package io.kedge.deploy.check;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Placement on Raspberry Pi workers: every pod selects arm64 nodes labelled as Pis, and the memory
 * the pods request fits one 1 GB Pi even if they all land on it.
 */
public final class PiPlacement {

    public static final Map<String, String> NODE_SELECTOR = Map.of("kubernetes.io/arch", "arm64", "kedge.io/raspberry-pi", "true");
    /**
     * What a 1 GiB Pi leaves for pods: 1024 MiB less about 100 MiB for the OS (Raspberry Pi OS
     * Lite) and about 200 MiB for the kubelet/k3s agent and containerd.
     */
    public static final Quantity POD_MEMORY_BUDGET = new Quantity("720Mi");
    /** Knative adds a queue-proxy container to every pod of a Knative Service; about 30 MiB resident. */
    public static final Quantity QUEUE_PROXY_MEMORY = new Quantity("30Mi");

    public static List<String> problems(ManifestSet set) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : set.workloads()) {
            NODE_SELECTOR.forEach((label, value) -> {
                if (!value.equals(workload.nodeSelector().get(label))) {
                    problems.add(workload.describe() + ": nodeSelector " + label + " is " + workload.nodeSelector().get(label)
                            + ", expected " + value);
                }
            });
        }
        long requested = requestedMebibytes(set);
        long budget = mebibytes(Quantity.getAmountInBytes(POD_MEMORY_BUDGET));
        if (requested > budget) {
            problems.add("the pods request " + requested + " MiB of memory (queue-proxies included), more than the "
                    + budget + " MiB a 1 GB Pi leaves for pods");
        }
        return problems;
    }

    /** The memory the pods of a set request, queue-proxies included, in MiB. */
    public static long requestedMebibytes(ManifestSet set) {
        BigDecimal requested = BigDecimal.ZERO;
        for (Workload workload : set.workloads()) {
            for (Container container : workload.containers()) {
                if (container.getResources() != null && container.getResources().getRequests() != null
                        && container.getResources().getRequests().get("memory") != null) {
                    requested = requested.add(Quantity.getAmountInBytes(container.getResources().getRequests().get("memory")));
                }
            }
            if (workload.knative()) {
                requested = requested.add(Quantity.getAmountInBytes(QUEUE_PROXY_MEMORY));
            }
        }
        return mebibytes(requested);
    }

    private static long mebibytes(BigDecimal bytes) {
        return bytes.divide(BigDecimal.valueOf(1024L * 1024L), java.math.RoundingMode.UP).longValue();
    }

    private PiPlacement() {
    }
}
