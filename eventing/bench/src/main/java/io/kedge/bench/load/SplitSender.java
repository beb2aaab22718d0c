package io.kedge.bench.load;

import io.kedge.contract.codec.HttpMessage;
import java.util.concurrent.CompletionStage;

/**
 * Two ingress paths behind one {@link EventSender}: messages made by {@link MqttSender#message}
 * are published over MQTT, every other one is posted over HTTP. So one open-loop schedule drives
 * both, interleaved as devices on both paths would send.
 */
public final class SplitSender implements EventSender {

    private final EventSender http;
    private final EventSender mqtt;

    public SplitSender(EventSender http, EventSender mqtt) {
        this.http = http;
        this.mqtt = mqtt;
    }

    @Override
    public CompletionStage<SendResult> send(HttpMessage message) {
        return MqttSender.isMqtt(message) ? mqtt.send(message) : http.send(message);
    }

    @Override
    public void close() {
        try {
            mqtt.close();
        } finally {
            http.close();
        }
    }
}
