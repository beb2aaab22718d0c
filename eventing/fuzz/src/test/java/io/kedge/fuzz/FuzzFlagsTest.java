package io.kedge.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FuzzFlagsTest {

    @Test
    void noTargetMeansAllWithTheBenchmarkDefaults() {
        FuzzFlags flags = FuzzFlags.parse();
        assertThat(flags.targets()).containsExactly("broker", "validate", "store", "alert", "grafana");
        assertThat(flags.tries()).isEqualTo(100_000);
        assertThat(flags.seed()).isEqualTo(FuzzFlags.DEFAULT_SEED);
    }

    @Test
    void readsTargetsAndBothFlagForms() {
        FuzzFlags flags = FuzzFlags.parse("store", "validate", "--tries", "5_000", "--seed=7", "--concurrency=2");
        assertThat(flags.targets()).containsExactly("store", "validate");
        assertThat(flags.tries()).isEqualTo(5000);
        assertThat(flags.seed()).isEqualTo(7);
        assertThat(flags.concurrency()).isEqualTo(2);
    }

    @Test
    void namesWhatIsWrong() {
        assertThatThrownBy(() -> FuzzFlags.parse("kafka")).hasMessageContaining("unknown target 'kafka'");
        assertThatThrownBy(() -> FuzzFlags.parse("--tries", "many")).hasMessageContaining("--tries takes a whole number");
        assertThatThrownBy(() -> FuzzFlags.parse("--tries")).hasMessageContaining("--tries needs a value");
        assertThatThrownBy(() -> FuzzFlags.parse("--concurrency=0")).hasMessageContaining("1..64");
    }
}
