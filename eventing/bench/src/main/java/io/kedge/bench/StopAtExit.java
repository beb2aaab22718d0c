package io.kedge.bench;

/**
 * Stops something a benchmark started, exactly once: on {@link #close()}, or from a shutdown
 * hook when the benchmark is interrupted (Ctrl-C, SIGTERM) first. So no server or app outlives
 * the benchmark that started it.
 */
final class StopAtExit implements AutoCloseable {

    private final Runnable stop;
    private final Thread hook;
    private boolean stopped;

    /** @param what names the hook's thread, e.g. {@code stop-influxd} */
    StopAtExit(String what, Runnable stop) {
        this.stop = stop;
        this.hook = new Thread(this::stopOnce, "stop-" + what);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        stopOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }

    private synchronized void stopOnce() {
        if (!stopped) {
            stopped = true;
            stop.run();
        }
    }
}
