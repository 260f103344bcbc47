package dev.termpress.generator.registry;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a download's stream when no byte has arrived for a while. The JDK's HTTP client has timeouts
 * for connecting and for the response headers, none for a body that stops arriving while the
 * connection stays open; closing the stream from here makes the blocked read throw, which the
 * download treats like a cut connection (and resumes with a Range request).
 */
final class StallWatchdog implements AutoCloseable {

    /** One daemon thread for every download of the process: the checks are tiny. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "termpress-download-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Closeable stream;
    private final long limitNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean fired;

    /** Watches {@code stream}: closed after {@code limit} without a call to {@link #progress()}. */
    StallWatchdog(Closeable stream, Duration limit) {
        this.stream = stream;
        this.limitNanos = limit.toNanos();
        long period = Math.max(10, Math.min(1000, limit.toMillis() / 4));
        this.check = TIMER.scheduleWithFixedDelay(this::checkOnce, period, period, TimeUnit.MILLISECONDS);
    }

    /** Bytes arrived. */
    void progress() {
        lastProgress = System.nanoTime();
    }

    /** Whether the stream was closed because it stalled. */
    boolean fired() {
        return fired;
    }

    private void checkOnce() {
        if (!fired && System.nanoTime() - lastProgress > limitNanos) {
            fired = true;
            check.cancel(false);
            try {
                stream.close();
            } catch (IOException ignored) {
                // the reader sees the failure either way
            }
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
