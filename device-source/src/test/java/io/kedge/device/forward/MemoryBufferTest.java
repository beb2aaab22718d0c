package io.kedge.device.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kedge.contract.data.Reading;
import io.kedge.contract.fixtures.Readings;
import org.junit.jupiter.api.Test;

class MemoryBufferTest {

    private static Reading at(int second) {
        return Readings.dht11("pi-test", "lab", 21, 45, "2026-11-27T10:00:" + String.format("%02d", second) + "Z");
    }

    @Test
    void keepsReadingsOldestFirst() {
        MemoryBuffer buffer = new MemoryBuffer(5);
        buffer.add(at(1));
        buffer.add(at(2));

        assertThat(buffer.peek()).contains(at(1));
        assertThat(buffer.removeHead(buffer.peek().orElseThrow())).isTrue();
        assertThat(buffer.peek()).contains(at(2));
        assertThat(buffer.size()).isEqualTo(1);
    }

    @Test
    void whenFullTheOldestMakesRoom() {
        MemoryBuffer buffer = new MemoryBuffer(2);
        Reading first = at(1);

        assertThat(buffer.add(first)).isEmpty();
        assertThat(buffer.add(at(2))).isEmpty();
        assertThat(buffer.add(at(3))).containsSame(first);
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.peek()).contains(at(2));
    }

    @Test
    void aHeadEvictedWhileBeingSentIsNotRemovedTwice() {
        // GIVEN the sender holds the head while a full buffer evicts it
        MemoryBuffer buffer = new MemoryBuffer(1);
        Reading beingSent = at(1);
        buffer.add(beingSent);
        buffer.add(at(2));

        // WHEN the send succeeds, THEN the newer reading stays
        assertThat(buffer.removeHead(beingSent)).isFalse();
        assertThat(buffer.peek()).contains(at(2));
    }

    @Test
    void equalButDistinctReadingsAreToldApart() {
        MemoryBuffer buffer = new MemoryBuffer(3);
        Reading a = at(1);
        Reading equalToA = at(1);
        buffer.add(a);

        assertThat(buffer.removeHead(equalToA)).isFalse();
        assertThat(buffer.removeHead(a)).isTrue();
    }

    @Test
    void capacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new MemoryBuffer(0)).hasMessageContaining("got 0");
    }
}
