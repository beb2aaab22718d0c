package io.kedge.aggregate.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Verifies that a window is a value: adding a sample gives a new window and leaves the old one as it was. */
class WindowTest {

    private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

    private static Sample at(int second, double value) {
        return new Sample(START.plusSeconds(second), value, "lab");
    }

    @Test
    void addingASampleLeavesTheEarlierWindowUnchanged() {
        Window one = Window.empty(START).with(at(5, 21.0));

        Window two = one.with(at(3, 22.0));
        Window replaced = two.with(at(5, 25.0));

        assertThat(one.count()).isEqualTo(1);
        assertThat(one.samples().firstEntry().getValue().value()).isEqualTo(21.0);
        assertThat(two.samples().keySet()).containsExactly(START.plusSeconds(3), START.plusSeconds(5));
        assertThat(two.samples().get(START.plusSeconds(5)).value()).isEqualTo(21.0);
        assertThat(replaced.count()).as("same sample time: replaced, not added").isEqualTo(2);
        assertThat(replaced.samples().lastEntry().getValue().value()).isEqualTo(25.0);
    }

    @Test
    void aWindowBuiltFromAMapIsSortedEqualAndCannotBeChangedThroughIt() {
        TreeMap<Instant, Sample> given = new TreeMap<>();
        given.put(START.plusSeconds(40), at(40, 20.0));
        given.put(START.plusSeconds(10), at(10, 19.0));

        Window window = new Window(START, given);
        given.clear();

        assertThat(window.samples().firstKey()).isEqualTo(START.plusSeconds(10));
        assertThat(window.count()).isEqualTo(2);
        assertThat(window).isEqualTo(Window.empty(START).with(at(40, 20.0)).with(at(10, 19.0)));
        assertThatThrownBy(() -> window.samples().put(START, at(0, 1.0))).isInstanceOf(UnsupportedOperationException.class);
    }
}
