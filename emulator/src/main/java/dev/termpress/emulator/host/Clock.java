package dev.termpress.emulator.host;

/**
 * Where guest time comes from; the host provides it so the core never reads a clock itself.
 * Time is counted in ticks of the {@link #TIMEBASE_HZ} timebase the device tree advertises.
 */
public interface Clock {

    /** The guest timebase: 10 MHz, as on QEMU {@code virt}. */
    long TIMEBASE_HZ = 10_000_000L;

    /** Nanoseconds per tick of the timebase. */
    long NANOS_PER_TICK = 1_000_000_000L / TIMEBASE_HZ;

    /** Current guest time in ticks, given the hart's retired-instruction count. */
    long ticks(long instret);

    /**
     * The hart waits for an interrupt and the next timer fires at {@code deadline} ticks
     * ({@link Long#MAX_VALUE}: none). A clock that can skip time advances to the deadline and
     * returns true; otherwise it returns false and the host waits (the machine returns from run).
     */
    boolean skipTo(long deadline, long instret);

    /** The calendar time at tick 0, in nanoseconds since the Unix epoch: where the guest's RTC starts. */
    long unixNanosAtTickZero();

    /**
     * Continues from a snapshot: from now on {@link #ticks} counts on from {@code ticks} at the
     * hart's {@code instret}, so guest timers neither jump nor run backwards. A wall clock also moves
     * its {@link #unixNanosAtTickZero} so that the guest's calendar time is the host's real time.
     */
    void resumeAt(long ticks, long instret);
}
