package io.kedge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTableTest {

    @Test
    void numbersAlignRightTextLeft() {
        String table = new MarkdownTable(List.of("offered/s", "notes"))
                .row(List.of("1,000", "kept up"))
                .row(List.of("20,000", "saturated"))
                .render();

        assertThat(table).isEqualTo("""
                | offered/s | notes     |
                | --------: | --------- |
                |     1,000 | kept up   |
                |    20,000 | saturated |
                """);
    }

    @Test
    void aPipeInACellIsEscaped() {
        String table = new MarkdownTable(List.of("a")).row(List.of("x|y")).render();

        assertThat(table).contains("x\\|y");
    }

    @Test
    void aRowMustFillEveryColumn() {
        MarkdownTable table = new MarkdownTable(List.of("a", "b"));

        assertThatThrownBy(() -> table.row(List.of("1"))).hasMessageContaining("1 cells, the table 2 columns");
    }
}
