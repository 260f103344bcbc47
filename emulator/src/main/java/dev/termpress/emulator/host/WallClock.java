package dev.termpress.emulator.host;

/** Real time since the clock was created; an idle hart makes the machine return to the host. */
public final class WallClock implements Clock {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final long start = System.nanoTime();
    private final long startUnixNanos = System.currentTimeMillis() * NANOS_PER_MILLI;

    @Override
    public long ticks(long instret) {
        return (System.nanoTime() - start) / NANOS_PER_TICK;
    }

    @Override
    public boolean skipTo(long deadline, long instret) {
        return false;
    }

    @Override
    public long unixNanosAtTickZero() {
        return startUnixNanos;
    }
}
