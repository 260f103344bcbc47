package dev.termpress.emulator.devices;

import dev.termpress.emulator.bus.Device;
import dev.termpress.emulator.bus.HartInterrupts;
import dev.termpress.emulator.fdt.DeviceTree;
import java.util.function.LongSupplier;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;

/**
 * The core-local interruptor for one hart (SiFive CLINT, as on QEMU {@code virt}): {@code msip}
 * drives mip.MSIP, {@code mtimecmp} against {@code mtime} drives mip.MTIP.
 */
public final class Clint implements Device, Snapshottable {

    /** Where QEMU {@code virt} puts the CLINT. */
    public static final long BASE = 0x0200_0000L;
    public static final long SIZE = 0x1_0000L;
    static final long MSIP = 0x0;
    static final long MTIMECMP = 0x4000;
    static final long MTIME = 0xbff8;
    private static final int MACHINE_SOFTWARE_IRQ = 3;
    private static final int MACHINE_TIMER_IRQ = 7;

    private final HartInterrupts hart;
    private final LongSupplier clock;
    private long mtimecmp = Long.MAX_VALUE;
    private long mtimeOffset;
    private boolean msip;

    /** A CLINT driving {@code hart}, reading time (in timebase ticks) from {@code clock}. */
    public Clint(HartInterrupts hart, LongSupplier clock) {
        this.hart = hart;
        this.clock = clock;
    }

    @Override
    public long base() {
        return BASE;
    }

    @Override
    public long size() {
        return SIZE;
    }

    private long mtime() {
        return clock.getAsLong() + mtimeOffset;
    }

    /** Re-evaluates mip.MTIP against the current time. */
    public void update() {
        hart.setPending(HartInterrupts.MIP_MTIP, Long.compareUnsigned(mtime(), mtimecmp) >= 0);
    }

    /** The clock time (without the mtime offset) at which mip.MTIP will rise. */
    public long nextDeadline() {
        long deadline = mtimecmp - mtimeOffset;
        return mtimecmp == Long.MAX_VALUE || deadline < 0 ? Long.MAX_VALUE : deadline;
    }

    @Override
    public long read(long offset, int width) {
        if (offset >= MSIP && offset + width <= MSIP + 4) {
            return Registers.slice(msip ? 1 : 0, (int) (offset - MSIP), width);
        }
        if (offset >= MTIMECMP && offset + width <= MTIMECMP + 8) {
            return Registers.slice(mtimecmp, (int) (offset - MTIMECMP), width);
        }
        if (offset >= MTIME && offset + width <= MTIME + 8) {
            return Registers.slice(mtime(), (int) (offset - MTIME), width);
        }
        return 0;
    }

    @Override
    public void write(long offset, int width, long value) {
        if (offset >= MSIP && offset + width <= MSIP + 4) {
            msip = (Registers.merge(msip ? 1 : 0, (int) (offset - MSIP), width, value) & 1) != 0;
            hart.setPending(HartInterrupts.MIP_MSIP, msip);
        } else if (offset >= MTIMECMP && offset + width <= MTIMECMP + 8) {
            mtimecmp = Registers.merge(mtimecmp, (int) (offset - MTIMECMP), width, value);
            update();
        } else if (offset >= MTIME && offset + width <= MTIME + 8) {
            long wanted = Registers.merge(mtime(), (int) (offset - MTIME), width, value);
            mtimeOffset = wanted - clock.getAsLong();
            update();
        }
    }

    @Override
    public void describe(DeviceTree tree) {
        tree.beginNode("clint@" + Long.toHexString(BASE))
                .property("compatible", "sifive,clint0", "riscv,clint0")
                .longs("reg", BASE, SIZE)
                .cells("interrupts-extended", DeviceTree.PHANDLE_CPU_INTC, MACHINE_SOFTWARE_IRQ,
                        DeviceTree.PHANDLE_CPU_INTC, MACHINE_TIMER_IRQ)
                .endNode();
    }

    // ---- snapshot: msip, mtimecmp and the guest's mtime offset (mip.MTIP is the hart's own state) ----

    @Override
    public String stateName() {
        return "clint";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) {
        out.bool(msip).i64(mtimecmp).i64(mtimeOffset);
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        msip = in.bool();
        mtimecmp = in.i64();
        mtimeOffset = in.i64();
    }
}
