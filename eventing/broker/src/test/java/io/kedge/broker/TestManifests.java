package io.kedge.broker;

import io.kedge.broker.manifest.ManifestLoader;
import io.kedge.broker.resolve.DestinationResolver;
import io.kedge.broker.resolve.ServiceDirectory;
import io.kedge.broker.route.Topology;
import io.kedge.broker.route.TopologyBuilder;
import io.kedge.broker.route.TriggerRoute;
import java.nio.file.Path;
import java.util.Map;

/** Topologies from the manifests under src/test/resources/manifests, for plain unit tests. */
public final class TestManifests {

    public static final String VALID = "src/test/resources/manifests/valid";
    public static final Path SERVICES = Path.of("src/test/resources/manifests/services.properties");

    public static Topology load(String directory, Map<String, String> environment) {
        return load(Path.of(directory), SERVICES, environment);
    }

    public static Topology load(Path directory, Path services, Map<String, String> environment) {
        return new TopologyBuilder(new DestinationResolver(ServiceDirectory.load(services, environment)))
                .build(new ManifestLoader().load(directory));
    }

    public static TriggerRoute trigger(Topology topology, String name) {
        return topology.triggers().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no trigger " + name + " in " + topology.triggers()));
    }

    private TestManifests() {
    }
}
