package io.kedge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StopAtExitTest {

    @Test
    void stopsOnceHoweverOftenItIsClosed() {
        AtomicInteger stops = new AtomicInteger();
        StopAtExit stop = new StopAtExit("test", stops::incrementAndGet);

        stop.close();
        stop.close();

        assertThat(stops).hasValue(1);
    }
}
