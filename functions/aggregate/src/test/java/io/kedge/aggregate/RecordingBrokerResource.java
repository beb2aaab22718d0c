package io.kedge.aggregate;

/** The testkit's recording broker, started before the application, as {@code kedge.aggregate.sink}. */
public class RecordingBrokerResource extends io.kedge.testkit.RecordingBrokerResource {

    public RecordingBrokerResource() {
        super("kedge.aggregate.sink");
    }
}
