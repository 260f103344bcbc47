package dev.termpress.emulator.devices;

import dev.termpress.emulator.bus.Device;
import dev.termpress.emulator.fdt.DeviceTree;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;

/**
 * QEMU's {@code sifive,test} device: a write to its first register powers the machine off with a
 * status, which is how bare-metal tests report pass or fail.
 */
public final class TestFinisher implements Device, Snapshottable {

    /** Where QEMU {@code virt} puts it. */
    public static final long BASE = 0x10_0000L;
    public static final long SIZE = 0x1000L;
    /** Low half-word of a write: pass (exit 0), fail (exit code in the upper half) or reset. */
    public static final int FINISHER_PASS = 0x5555;
    public static final int FINISHER_FAIL = 0x3333;
    public static final int FINISHER_RESET = 0x7777;

    private final PowerControl power;

    /** A finisher that reports through {@code power}. */
    public TestFinisher(PowerControl power) {
        this.power = power;
    }

    @Override
    public long base() {
        return BASE;
    }

    @Override
    public long size() {
        return SIZE;
    }

    @Override
    public long read(long offset, int width) {
        return 0;
    }

    @Override
    public void write(long offset, int width, long value) {
        if (offset != 0 || width < 4) {
            return;
        }
        int word = (int) value;
        switch (word & 0xffff) {
            case FINISHER_PASS:
                power.powerOff(0);
                break;
            case FINISHER_FAIL:
                power.powerOff(word >>> 16);
                break;
            case FINISHER_RESET:
                power.reset();
                break;
            default:
                break;
        }
    }

    @Override
    public void describe(DeviceTree tree) {
        tree.beginNode("test@" + Long.toHexString(BASE))
                .property("compatible", "sifive,test1", "sifive,test0", "syscon")
                .longs("reg", BASE, SIZE)
                .endNode();
    }

    // ---- snapshot: no state, but a section all the same so the device layout is checked ----

    @Override
    public String stateName() {
        return "test-finisher";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) {
        // A write powers off at once; nothing is remembered between writes.
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        // Nothing saved.
    }
}
