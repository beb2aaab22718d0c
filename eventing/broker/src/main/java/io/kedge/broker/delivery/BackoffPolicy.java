package io.kedge.broker.delivery;

import java.time.Duration;

/** Growth of the wait between delivery attempts, Knative's {@code delivery.backoffPolicy}. */
public enum BackoffPolicy {

    /** {@code backoffDelay × n} before retry n+1 (n from 0): the first retry is immediate. */
    LINEAR {
        @Override
        Duration wait(Duration delay, int retryIndex) {
            return delay.multipliedBy(retryIndex);
        }
    },
    /** {@code backoffDelay × 2^n} before retry n+1 (n from 0): d, 2d, 4d... */
    EXPONENTIAL {
        @Override
        Duration wait(Duration delay, int retryIndex) {
            return delay.multipliedBy(1L << Math.min(retryIndex, 30));
        }
    };

    /** These formulas are those of Knative's dispatcher code (retries.go), which differ from its docs by one step. */
    abstract Duration wait(Duration delay, int retryIndex);
}
