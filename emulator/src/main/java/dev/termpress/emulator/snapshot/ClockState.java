package dev.termpress.emulator.snapshot;

import dev.termpress.emulator.host.Clock;
import java.util.function.LongSupplier;

/**
 * Guest time: the tick count at the snapshot. A restored machine's clock continues from it
 * ({@link Clock#resumeAt}), whatever kind of clock it is; the hart's section must come first.
 */
public final class ClockState implements Snapshottable {

    private final Clock clock;
    private final LongSupplier instret;

    /** The time of {@code clock}, read at the hart's retired-instruction count {@code instret}. */
    public ClockState(Clock clock, LongSupplier instret) {
        this.clock = clock;
        this.instret = instret;
    }

    @Override
    public String stateName() {
        return "clock";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) {
        out.i64(clock.ticks(instret.getAsLong()));
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        long ticks = in.i64();
        if (ticks < 0) {
            throw in.damaged("negative tick count " + ticks);
        }
        clock.resumeAt(ticks, instret.getAsLong());
    }
}
