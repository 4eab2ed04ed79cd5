package dev.momo.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, SIGTERM) into an orderly stop. The JVM exits as soon as its shutdown hooks
 * return, so the hook registered here releases {@link #await} and then waits, up to
 * {@value #MAX_CLEANUP_SECONDS} s, until {@link #close} reports that the command closed what it started.
 * Declare it first in try-with-resources so that it closes last.
 */
final class ShutdownSignal implements AutoCloseable {

    static final long MAX_CLEANUP_SECONDS = 45;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook;

    ShutdownSignal(final String threadName) {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                cleanedUp.await(MAX_CLEANUP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits for Ctrl-C, or at most {@code limit} when it is not null. */
    void await(final Duration limit) throws InterruptedException {
        if (limit == null) {
            stop.await();
        } else {
            stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        cleanedUp.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Ctrl-C: the hook is running and the JVM exits after it.
        }
    }
}
