package io.kedge.broker.delivery;

import io.kedge.contract.codec.HttpMessage;

/** What a subscriber answered: the status and the message that may carry a reply event. */
public record SubscriberResponse(int status, HttpMessage message) {
}
