package io.kedge.alert;

/** The testkit's recording broker, started before the application, as {@code kedge.alert.sink}. */
public class RecordingBrokerResource extends io.kedge.testkit.RecordingBrokerResource {

    public RecordingBrokerResource() {
        super("kedge.alert.sink");
    }
}
