package io.kedge.broker.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.DestinationBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verifies Knative's Destination resolution, with local service URLs standing in for cluster addresses. */
class DestinationResolverTest {

    private static final ServiceDirectory SERVICES = ServiceDirectory.load(
            Path.of("src/test/resources/manifests/services.properties"),
            Map.of("KEDGE_SERVICE_KEDGE_STORE", "http://127.0.0.1:9082"));
    private final DestinationResolver resolver = new DestinationResolver(SERVICES);

    static Stream<Arguments> resolvable() {
        return Stream.of(
                Arguments.of("absolute uri alone is used as is", uri("http://127.0.0.1:9000/hook"), "http://127.0.0.1:9000/hook"),
                Arguments.of("ref from the services file", ref("thermo"), "http://127.0.0.1:9101"),
                Arguments.of("ref from KEDGE_SERVICE_<NAME>, dashes as underscores", ref("kedge-store"), "http://127.0.0.1:9082"),
                Arguments.of("ref plus absolute-path uri replaces the path", ref("archive", "/update"), "http://127.0.0.1:9102/update"),
                Arguments.of("ref plus relative uri resolves under the ref's path", ref("archive", "events"), "http://127.0.0.1:9102/base/events"),
                Arguments.of("ref without path plus relative uri keeps the separator", ref("thermo", "update"), "http://127.0.0.1:9101/update"),
                Arguments.of("ref plus absolute uri takes the uri", ref("thermo", "http://127.0.0.2/x"), "http://127.0.0.2/x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolvable")
    void resolves(String name, Destination destination, String expected) {
        List<String> problems = new ArrayList<>();

        Optional<URI> url = resolver.resolve(destination, "spec.subscriber", problems);

        assertThat(problems).isEmpty();
        assertThat(url).contains(URI.create(expected));
    }

    @Test
    void unknownServiceNamesBothWaysToConfigureIt() {
        List<String> problems = new ArrayList<>();

        assertThat(resolver.resolve(ref("kedge-alert"), "spec.subscriber", problems)).isEmpty();

        assertThat(problems).singleElement().asString()
                .contains("spec.subscriber.ref: cannot resolve Service \"kedge-alert\"")
                .contains("KEDGE_SERVICE_KEDGE_ALERT")
                .contains("'kedge-alert=<url>'");
    }

    @Test
    void serviceUrlThatIsNotHttpNamesWhereItCameFrom() {
        ServiceDirectory services = ServiceDirectory.load(Path.of("absent.properties"), Map.of("KEDGE_SERVICE_THERMO", "127.0.0.1:9101"));
        List<String> problems = new ArrayList<>();

        new DestinationResolver(services).resolve(ref("thermo"), "spec.subscriber", problems);

        assertThat(problems).singleElement().asString()
                .contains("\"127.0.0.1:9101\" (from environment variable KEDGE_SERVICE_THERMO) is not an absolute http(s) URL");
    }

    private static Destination uri(String uri) {
        return new DestinationBuilder().withUri(uri).build();
    }

    private static Destination ref(String name) {
        return ref(name, null);
    }

    private static Destination ref(String name, String uri) {
        return new DestinationBuilder()
                .withNewRef().withApiVersion("serving.knative.dev/v1").withKind("Service").withName(name).endRef()
                .withUri(uri)
                .build();
    }
}
