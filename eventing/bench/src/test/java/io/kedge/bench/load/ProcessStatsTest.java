package io.kedge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcessStatsTest {

    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            Pid:\t4242
            VmPeak:\t 3456788 kB
            VmSize:\t 3391252 kB
            VmHWM:\t  170112 kB
            VmRSS:\t  131072 kB
            RssAnon:\t  100000 kB
            Threads:\t31
            """;

    @Test
    void readsResidentMemoryFromStatus() {
        assertThat(ProcessStats.parseRssKib(STATUS)).isEqualTo(131_072);
    }

    @Test
    void aProcessWithoutVmRssHasNone() {
        assertThat(ProcessStats.parseRssKib("Name:\tkthreadd\nState:\tS (sleeping)\n")).isZero();
    }

    @Test
    void cpuTicksAreUtimePlusStime() {
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 12345 0 3 0 1500 250 0 0 20 0 31 0 123456 3472642048 32768";

        assertThat(ProcessStats.parseCpuTicks(stat)).isEqualTo(1_750);
    }

    /** Verifies that spaces and parentheses in the command name do not shift the fields. */
    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "77 (my (odd) name) R 1 77 77 0 -1 4194560 1 0 0 0 42 8 0 0 20 0 1 0 99 1000 10";

        assertThat(ProcessStats.parseCpuTicks(stat)).isEqualTo(50);
    }

    @Test
    void refusesTextThatIsNoStatLine() {
        assertThatThrownBy(() -> ProcessStats.parseCpuTicks("garbage")).hasMessageContaining("garbage");
    }

    @Test
    void cpuPercentIsOfOneCore() {
        long ticks = ProcessStats.TICKS_PER_SECOND * 3; // 3 s of CPU
        assertThat(ProcessStats.cpuPercent(ticks, 2_000_000_000L)).isCloseTo(150, within(0.001));
        assertThat(ProcessStats.cpuPercent(ticks, 0)).isZero();
    }

    @Test
    void readsThisVeryProcess() {
        ProcessStats self = ProcessStats.read(ProcessHandle.current().pid()).orElseThrow();

        assertThat(self.rssBytes()).isGreaterThan(1024 * 1024);
        assertThat(self.cpuTicks()).isPositive();
    }

    @Test
    void aProcessThatDoesNotExistHasNoFigures() {
        assertThat(ProcessStats.read(Long.MAX_VALUE)).isEmpty();
    }
}
