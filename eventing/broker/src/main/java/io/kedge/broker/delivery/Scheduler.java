package io.kedge.broker.delivery;

import java.time.Duration;

/** Runs a task later without holding a thread meanwhile (a Vert.x timer in the application). */
@FunctionalInterface
public interface Scheduler {

    void schedule(Duration delay, Runnable task);
}
