package dev.termpress.emulator.devices;

import dev.termpress.emulator.bus.Device;
import dev.termpress.emulator.bus.HartInterrupts;
import dev.termpress.emulator.bus.IrqSink;
import dev.termpress.emulator.fdt.DeviceTree;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;

/**
 * The platform-level interrupt controller, laid out as QEMU {@code virt}'s and the SiFive PLIC
 * specification's: per-source priorities, a pending array, and per-context enables, threshold and
 * claim/complete. Context 0 is hart 0 in M-mode ({@code mip.MEIP}), context 1 hart 0 in S-mode
 * ({@code mip.SEIP}).
 *
 * <p>Gateways are level-triggered: a source is pending while its line is high and it is not claimed;
 * after completion it pends again if the line is still high.
 */
public final class Plic implements Device, IrqSink, Snapshottable {

    /** Guest physical base address (QEMU {@code virt}). */
    public static final long BASE = 0x0c00_0000L;
    /** Size of the register window: room for the context registers of many harts. */
    public static final long SIZE = 0x60_0000L;
    /** Highest interrupt source ID; source 0 means "no interrupt" (PLIC spec §"Interrupt Sources"). */
    public static final int NDEV = 31;
    /** Priorities are 3 bits wide, so 0 (never) to 7 (WARL: higher bits read back as zero). */
    public static final int PRIORITY_MASK = 7;
    /** Context 0: hart 0, M-mode. */
    public static final int CONTEXT_M = 0;
    /** Context 1: hart 0, S-mode. */
    public static final int CONTEXT_S = 1;

    // Register map (SiFive PLIC spec "Memory Map").
    private static final long PRIORITY_BASE = 0x0;
    private static final long PENDING_BASE = 0x1000;
    private static final long ENABLE_BASE = 0x2000;
    private static final long ENABLE_STRIDE = 0x80;
    private static final long CONTEXT_BASE = 0x20_0000;
    private static final long CONTEXT_STRIDE = 0x1000;
    private static final long CONTEXT_THRESHOLD = 0x0;
    private static final long CONTEXT_CLAIM = 0x4;

    private static final int CONTEXTS = 2;
    private static final int WORDS = (NDEV + 1 + 31) / 32;
    /** Which {@code mip} bit each context drives; the device tree's interrupts-extended matches. */
    private static final long[] CONTEXT_MIP = {HartInterrupts.MIP_MEIP, HartInterrupts.MIP_SEIP};
    /** Machine and supervisor external interrupt causes (privileged spec §3.1.15). */
    private static final int IRQ_M_EXT = 11;
    private static final int IRQ_S_EXT = 9;

    private final HartInterrupts hart;
    private final int[] priority = new int[NDEV + 1];
    private final boolean[] level = new boolean[NDEV + 1];
    /** Claimed and not yet completed: the gateway holds the source until completion. */
    private final boolean[] inFlight = new boolean[NDEV + 1];
    private final int[] pending = new int[WORDS];
    private final int[][] enable = new int[CONTEXTS][WORDS];
    private final int[] threshold = new int[CONTEXTS];

    /** Creates a PLIC that drives the external-interrupt bits of {@code hart}. */
    public Plic(HartInterrupts hart) {
        this.hart = hart;
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
    public void setIrq(int irq, boolean high) {
        if (irq <= 0 || irq > NDEV || level[irq] == high) {
            return;
        }
        level[irq] = high;
        if (!inFlight[irq]) {
            setPending(irq, high);
            update();
        }
    }

    /** Whether source {@code irq} is pending (for tests and diagnostics). */
    public boolean isPending(int irq) {
        return irq > 0 && irq <= NDEV && (pending[irq >>> 5] & (1 << (irq & 31))) != 0;
    }

    @Override
    public long read(long offset, int width) {
        if (width == 8) {
            return (readWord(offset) & 0xffff_ffffL) | ((readWord(offset + 4) & 0xffff_ffffL) << 32);
        }
        long word = readWord(offset & ~3L) & 0xffff_ffffL;
        long shifted = word >>> ((offset & 3) * 8);
        return width >= 4 ? shifted : shifted & ((1L << (width * 8)) - 1);
    }

    @Override
    public void write(long offset, int width, long value) {
        if (width == 8) {
            writeWord(offset, (int) value);
            writeWord(offset + 4, (int) (value >>> 32));
        } else if (width == 4) {
            writeWord(offset, (int) value);
        }
        // Narrower writes to 32-bit registers are ignored, as for any register a device does not decode.
    }

    private int readWord(long offset) {
        if ((offset & 3) != 0) {
            return 0;
        }
        if (offset < PENDING_BASE) {
            int source = (int) ((offset - PRIORITY_BASE) >>> 2);
            return source <= NDEV ? priority[source] : 0;
        }
        if (offset < ENABLE_BASE) {
            int word = (int) ((offset - PENDING_BASE) >>> 2);
            return word < WORDS ? pending[word] : 0;
        }
        if (offset < CONTEXT_BASE) {
            int context = (int) ((offset - ENABLE_BASE) / ENABLE_STRIDE);
            int word = (int) (((offset - ENABLE_BASE) % ENABLE_STRIDE) >>> 2);
            return context < CONTEXTS && word < WORDS ? enable[context][word] : 0;
        }
        int context = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
        long register = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
        if (context >= CONTEXTS) {
            return 0;
        }
        if (register == CONTEXT_THRESHOLD) {
            return threshold[context];
        }
        if (register == CONTEXT_CLAIM) {
            return claim(context);
        }
        return 0;
    }

    private void writeWord(long offset, int value) {
        if ((offset & 3) != 0) {
            return;
        }
        if (offset < PENDING_BASE) {
            int source = (int) ((offset - PRIORITY_BASE) >>> 2);
            if (source > 0 && source <= NDEV) {
                priority[source] = value & PRIORITY_MASK;
                update();
            }
            return;
        }
        if (offset < ENABLE_BASE) {
            return; // the pending array is read-only
        }
        if (offset < CONTEXT_BASE) {
            int context = (int) ((offset - ENABLE_BASE) / ENABLE_STRIDE);
            int word = (int) (((offset - ENABLE_BASE) % ENABLE_STRIDE) >>> 2);
            if (context < CONTEXTS && word < WORDS) {
                // Source 0 does not exist, so its enable bit is hardwired to zero.
                enable[context][word] = word == 0 ? value & ~1 : value;
                update();
            }
            return;
        }
        int context = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
        long register = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
        if (context >= CONTEXTS) {
            return;
        }
        if (register == CONTEXT_THRESHOLD) {
            threshold[context] = value & PRIORITY_MASK;
            update();
        } else if (register == CONTEXT_CLAIM) {
            complete(context, value);
        }
    }

    /** Claims the best eligible source for {@code context}: it stops pending until completed. */
    private int claim(int context) {
        int source = best(context);
        if (source != 0) {
            setPending(source, false);
            inFlight[source] = true;
            update();
        }
        return source;
    }

    /** A completion for a source not enabled for the context is ignored (PLIC spec "Interrupt Completion"). */
    private void complete(int context, int source) {
        if (source <= 0 || source > NDEV || !isEnabled(context, source) || !inFlight[source]) {
            return;
        }
        inFlight[source] = false;
        if (level[source]) {
            setPending(source, true);
        }
        update();
    }

    /** The pending, enabled source with the highest priority above the threshold; ties go to the lowest ID. */
    private int best(int context) {
        int bestSource = 0;
        int bestPriority = threshold[context];
        for (int source = 1; source <= NDEV; source++) {
            if (priority[source] > bestPriority && isPending(source) && isEnabled(context, source)) {
                bestSource = source;
                bestPriority = priority[source];
            }
        }
        return bestSource;
    }

    private boolean isEnabled(int context, int source) {
        return (enable[context][source >>> 5] & (1 << (source & 31))) != 0;
    }

    private void setPending(int source, boolean on) {
        int bit = 1 << (source & 31);
        pending[source >>> 5] = on ? pending[source >>> 5] | bit : pending[source >>> 5] & ~bit;
    }

    private void update() {
        for (int context = 0; context < CONTEXTS; context++) {
            hart.setPending(CONTEXT_MIP[context], best(context) != 0);
        }
    }

    @Override
    public void describe(DeviceTree tree) {
        tree.beginNode("plic@" + Long.toHexString(BASE))
                .property("compatible", "sifive,plic-1.0.0", "riscv,plic0")
                .longs("reg", BASE, SIZE)
                .cells("#address-cells", 0)
                .cells("#interrupt-cells", 1)
                .property("interrupt-controller")
                .cells("interrupts-extended",
                        DeviceTree.PHANDLE_CPU_INTC, IRQ_M_EXT, DeviceTree.PHANDLE_CPU_INTC, IRQ_S_EXT)
                .cells("riscv,ndev", NDEV)
                .cells("phandle", DeviceTree.PHANDLE_PLIC)
                .endNode();
    }

    // ---- snapshot: every register and gateway; mip.MEIP/SEIP are the hart's own state ----

    @Override
    public String stateName() {
        return "plic";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) {
        for (int source = 0; source <= NDEV; source++) {
            out.u8(priority[source]).bool(level[source]).bool(inFlight[source]);
        }
        for (int word = 0; word < WORDS; word++) {
            out.i32(pending[word]);
        }
        for (int context = 0; context < CONTEXTS; context++) {
            for (int word = 0; word < WORDS; word++) {
                out.i32(enable[context][word]);
            }
            out.i32(threshold[context]);
        }
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        for (int source = 0; source <= NDEV; source++) {
            priority[source] = in.u8() & PRIORITY_MASK;
            level[source] = in.bool();
            inFlight[source] = in.bool();
        }
        for (int word = 0; word < WORDS; word++) {
            pending[word] = in.i32();
        }
        for (int context = 0; context < CONTEXTS; context++) {
            for (int word = 0; word < WORDS; word++) {
                enable[context][word] = in.i32();
            }
            threshold[context] = in.i32();
        }
    }
}
