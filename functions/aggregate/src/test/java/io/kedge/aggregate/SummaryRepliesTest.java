package io.kedge.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.kedge.aggregate.engine.Outcome;
import io.kedge.aggregate.out.SummarySink;
import io.kedge.contract.EventTypes;
import io.kedge.contract.fixtures.Summaries;
import io.kedge.functions.support.SinkFailedException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies how summaries become one reply and extra events, without Quarkus. */
class SummaryRepliesTest {

    private final List<CloudEvent> sent = new ArrayList<>();
    private final SummarySink recording = new SummarySink() {
        @Override
        public void send(List<CloudEvent> events) {
            sent.addAll(events);
        }

        @Override
        public boolean configured() {
            return true;
        }
    };

    @Test
    void theFirstSummaryIsTheReplyAndTheOthersGoToTheSink() {
        var reply = new SummaryReplies(recording).answer(new Outcome(
                List.of(Summaries.KITCHEN_HUMIDITY_MINUTE, Summaries.KITCHEN_TEMPERATURE_MINUTE), 2, List.of()));

        assertThat(reply.id()).isEqualTo("pi-kitchen/temperature/PT1M/2026-11-27T10:15:00Z");
        assertThat(reply.type()).isEqualTo(EventTypes.SUMMARY);
        assertThat(reply.extensions()).containsEntry("metric", "temperature").containsEntry("window", "PT1M");
        assertThat(sent).singleElement().satisfies(event -> {
            assertThat(event.getId()).isEqualTo("pi-kitchen/humidity/PT1M/2026-11-27T10:15:00Z");
            assertThat(event.getSubject()).isEqualTo("pi-kitchen");
            assertThat(event.getTime()).hasToString("2026-11-27T10:15Z");
        });
    }

    @Test
    void nothingClosedIsNoReply() {
        assertThat(new SummaryReplies(recording).answer(new Outcome(List.of(), 0, List.of()))).isNull();
        assertThat(sent).isEmpty();
    }

    @Test
    void withoutKSinkOneSummaryIsRepliedButTwoAreRefused503NamingTheVariable() {
        SummaryReplies replies = new SummaryReplies(SummarySink.none());

        assertThat(replies.answer(new Outcome(List.of(Summaries.KITCHEN_TEMPERATURE_MINUTE), 1, List.of()))).isNotNull();
        assertThatThrownBy(() -> replies.answer(new Outcome(
                List.of(Summaries.KITCHEN_TEMPERATURE_MINUTE, Summaries.KITCHEN_HUMIDITY_MINUTE), 2, List.of())))
                .isInstanceOf(SinkFailedException.class)
                .hasMessageContaining("K_SINK")
                .extracting(e -> ((SinkFailedException) e).status()).isEqualTo(503);
    }
}
