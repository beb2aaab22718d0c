package io.kedge.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressReportTest {

    @Test
    void eachLineShowsTotalsAndTheChangeSinceThePreviousLine() {
        ProgressReport report = new ProgressReport();

        String first = report.line(new DeviceStatus(5, 1, 4, 0, 0, 1, true));
        String second = report.line(new DeviceStatus(9, 1, 4, 2, 1, 5, false));

        assertThat(first).isEqualTo("read 5 (+5), sent 4 (+4), read failures 1 (+1), buffered 1, dropped 0");
        assertThat(second).isEqualTo("read 9 (+4), sent 4 (+0), read failures 1 (+0), buffered 5, dropped 2, refused 1, sink down");
    }
}
