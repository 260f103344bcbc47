package dev.termpress.emulator.host;

/** Real time since the clock was created; an idle hart makes the machine return to the host. */
public final class WallClock implements Clock {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private long start = System.nanoTime();
    /** Ticks at {@link #start}: 0, or the count a snapshot continues from. */
    private long startTicks;
    private long startUnixNanos = System.currentTimeMillis() * NANOS_PER_MILLI;

    @Override
    public long ticks(long instret) {
        return startTicks + (System.nanoTime() - start) / NANOS_PER_TICK;
    }

    @Override
    public boolean skipTo(long deadline, long instret) {
        return false;
    }

    @Override
    public long unixNanosAtTickZero() {
        return startUnixNanos;
    }

    /** Counts on from {@code ticks} now; tick zero moves back so that "now" is the host's real time. */
    @Override
    public void resumeAt(long ticks, long instret) {
        start = System.nanoTime();
        startTicks = ticks;
        startUnixNanos = System.currentTimeMillis() * NANOS_PER_MILLI - ticks * NANOS_PER_TICK;
    }
}
