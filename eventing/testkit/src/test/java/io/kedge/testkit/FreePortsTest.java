package io.kedge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void neverHandsOutOnePortTwice() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ports.add(FreePorts.next());
        }

        assertThat(ports).doesNotHaveDuplicates().allMatch(port -> port > 0 && port < 65_536);
        assertThat(ports).noneMatch(FreePorts::isOpen);
    }
}
