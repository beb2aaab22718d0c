package io.kedge.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping a fixed time. */
public final class Poll {

    /**
     * Evaluates {@code condition} every {@code every} until it holds.
     *
     * @throws AssertionError with {@code what} and the last detail when {@code within} passes first
     */
    public static void until(String what, Duration within, Duration every, BooleanSupplier condition,
                             Supplier<String> detail) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within.toMillis() + " ms waiting for " + what
                        + (detail == null ? "" : ": " + detail.get()));
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    public static void until(String what, Duration within, BooleanSupplier condition) {
        until(what, within, Duration.ofMillis(50), condition, null);
    }

    private Poll() {
    }
}
