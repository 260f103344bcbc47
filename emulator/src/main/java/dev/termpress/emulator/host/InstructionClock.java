package dev.termpress.emulator.host;

/**
 * A deterministic clock derived from the instruction count, for tests and {@code check}: every
 * run of the same guest sees the same times. An idle hart skips straight to its next timer.
 */
public final class InstructionClock implements Clock {

    /** 10 instructions per 100 ns tick: the guest sees a 100 MIPS machine. */
    public static final int DEFAULT_INSTRUCTIONS_PER_TICK = 10;
    /**
     * The calendar time at boot: 2024-01-01T00:00:00Z, fixed so that {@code date} prints the same
     * in every run, and recent enough that tools which distrust 1970 (TLS, make) behave.
     */
    public static final long BOOT_UNIX_NANOS = 1_704_067_200_000_000_000L;

    private final int instructionsPerTick;
    private long skipped;

    /** A clock at {@link #DEFAULT_INSTRUCTIONS_PER_TICK}. */
    public InstructionClock() {
        this(DEFAULT_INSTRUCTIONS_PER_TICK);
    }

    /** A clock that advances one tick per {@code instructionsPerTick} retired instructions. */
    public InstructionClock(int instructionsPerTick) {
        if (instructionsPerTick <= 0) {
            throw new IllegalArgumentException("instructionsPerTick must be positive, got " + instructionsPerTick);
        }
        this.instructionsPerTick = instructionsPerTick;
    }

    @Override
    public long ticks(long instret) {
        return instret / instructionsPerTick + skipped;
    }

    @Override
    public boolean skipTo(long deadline, long instret) {
        if (deadline == Long.MAX_VALUE) {
            return false; // nothing will ever wake the hart by itself
        }
        long now = ticks(instret);
        if (deadline > now) {
            skipped += deadline - now;
        }
        return true;
    }

    @Override
    public long unixNanosAtTickZero() {
        return BOOT_UNIX_NANOS;
    }

    /** Deterministic still: the saved count continues, and the calendar stays at {@link #BOOT_UNIX_NANOS}. */
    @Override
    public void resumeAt(long ticks, long instret) {
        skipped = ticks - instret / instructionsPerTick;
    }
}
