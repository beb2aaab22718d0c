package io.kedge.fuzz.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.kedge.contract.codec.CloudEventHttp;
import io.kedge.contract.codec.HttpMessage;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.Header;
import io.kedge.testkit.Repo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CaseGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final Surface SURFACE = new Surface(List.of("/", "/other"), 64 * 1024, List.of("io.kedge.reading.v1"));

    static Stream<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>(List.of(Seeds.reading(Draft.Mode.BINARY, "/"), Seeds.reading(Draft.Mode.STRUCTURED, "/"),
                Seeds.validated(Draft.Mode.BINARY, "/"), Seeds.validated(Draft.Mode.STRUCTURED, "/"),
                Seeds.alert(Draft.Mode.BINARY, "/", false), Seeds.alert(Draft.Mode.STRUCTURED, "/", true),
                Seeds.tick(Draft.Mode.BINARY, "/"), GrafanaSigner.seed("/grafana", "token", "secret")));
        seeds.addAll(Seeds.conformance(Repo.path("eventing/contract/src/test/resources/conformance/valid-events.json"), "/"));
        return seeds.stream();
    }

    @Test
    void theSameSeedDrawsTheSameRequests() {
        CaseGenerator one = new CaseGenerator(42, seeds().toList(), SURFACE, NOW);
        CaseGenerator two = new CaseGenerator(42, seeds().toList(), SURFACE, NOW);
        for (long i = 0; i < 300; i++) {
            FuzzRequest a = one.next(i).request();
            FuzzRequest b = two.next(i).request();
            if (a.header(GrafanaSigner.TIMESTAMP_HEADER) != null) {
                continue; // signed with the current second, which may tick between the two
            }
            assertThat(a.describe(100_000)).isEqualTo(b.describe(100_000));
            assertThat(a.body()).isEqualTo(b.body());
        }
    }

    @Test
    void casesDifferAndMostAreMutated() {
        CaseGenerator generator = new CaseGenerator(7, seeds().toList(), SURFACE, NOW);
        Set<String> labels = new HashSet<>();
        int unmutated = 0;
        for (long i = 0; i < 1000; i++) {
            FuzzCase fuzzCase = generator.next(i);
            labels.add(fuzzCase.label().substring(fuzzCase.label().indexOf(' ')));
            unmutated += fuzzCase.steps().isEmpty() ? 1 : 0;
        }
        assertThat(labels).hasSizeGreaterThan(300);
        assertThat(unmutated).isBetween(40, 140);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyMutationAppliesToEverySeedWithoutFailing(Seed seed) {
        Random random = new Random(1);
        for (Mutation mutation : Mutations.ALL) {
            for (int i = 0; i < 10; i++) {
                Draft draft = seed.make(i, NOW, new Random(i));
                long choices = random.nextLong();
                assertThatCode(() -> {
                    mutation.apply(draft, new Random(choices), SURFACE, NOW);
                    draft.toRequest();
                }).as("%s on %s", mutation.name(), seed.name()).doesNotThrowAnyException();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void unmutatedEventSeedsAreValidCloudEvents(Seed seed) {
        FuzzRequest request = seed.make(3, NOW, new Random(3)).toRequest();
        if (seed.name().equals("grafana")) {
            assertThat(request.header("Authorization")).isEqualTo("Bearer token");
            return;
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : request.headers()) {
            headers.putIfAbsent(header.name(), header.text());
        }
        assertThatCode(() -> CloudEventHttp.decode(new HttpMessage(headers, request.body()))).as(seed.name())
                .doesNotThrowAnyException();
    }

    @Test
    void aCaseWithFewerStepsReplaysTheRemainingOnesExactly() {
        CaseGenerator generator = new CaseGenerator(99, seeds().toList(), SURFACE, NOW);
        FuzzCase fuzzCase = Stream.iterate(0L, i -> i + 1).map(generator::next)
                .filter(c -> c.steps().size() >= 3 && !c.seed().name().equals("grafana")).findFirst().orElseThrow();
        FuzzCase same = fuzzCase.withSteps(fuzzCase.steps());
        assertThat(same.request().body()).isEqualTo(fuzzCase.request().body());
        FuzzCase fewer = fuzzCase.withSteps(fuzzCase.steps().subList(1, fuzzCase.steps().size()));
        assertThat(fewer.label()).doesNotContain(" + " + fuzzCase.steps().get(0).mutation().name() + " + "
                + fuzzCase.steps().get(1).mutation().name());
    }
}
