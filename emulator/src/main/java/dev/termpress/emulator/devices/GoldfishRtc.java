package dev.termpress.emulator.devices;

import dev.termpress.emulator.bus.Device;
import dev.termpress.emulator.bus.IrqSink;
import dev.termpress.emulator.fdt.DeviceTree;
import java.util.function.LongSupplier;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;

/**
 * The Goldfish real-time clock ({@code google,goldfish-rtc}, as on QEMU {@code virt}): calendar time
 * in nanoseconds since the Unix epoch, settable by the guest, with one alarm that raises an
 * interrupt. Linux reads it at boot (RTC_HCTOSYS) so the guest's {@code date} is the host's.
 *
 * <p>Registers (32-bit, from the Goldfish virtual platform's RTC documentation): reading
 * {@code TIME_LOW} latches the high half for the following {@code TIME_HIGH} read; writing
 * {@code TIME_HIGH} then {@code TIME_LOW} sets the time; {@code ALARM_HIGH} then {@code ALARM_LOW}
 * arms the alarm. A fired alarm stays pending until {@code CLEAR_INTERRUPT}; the interrupt line is
 * pending and enabled, so enabling interrupts after the alarm fired still interrupts (Linux writes
 * the alarm before enabling, and an alarm already in the past fires at once).
 */
public final class GoldfishRtc implements Device, Snapshottable {

    /** Where QEMU {@code virt} puts it, and its interrupt line there. */
    public static final long BASE = 0x10_1000L;
    public static final long SIZE = 0x1000L;
    public static final int IRQ = 11;
    static final long TIME_LOW = 0x00;
    static final long TIME_HIGH = 0x04;
    static final long ALARM_LOW = 0x08;
    static final long ALARM_HIGH = 0x0c;
    static final long IRQ_ENABLED = 0x10;
    static final long CLEAR_ALARM = 0x14;
    static final long ALARM_STATUS = 0x18;
    static final long CLEAR_INTERRUPT = 0x1c;
    private static final long LOW_32 = 0xffff_ffffL;

    private final LongSupplier hostNanos;
    private final IrqSink irqs;
    /** What the guest set minus what the host said at that moment. */
    private long offset;
    private long latchedHigh;
    private long pendingHigh;
    private long alarmHigh;
    private long alarm;
    private boolean alarmArmed;
    private boolean irqEnabled;
    private boolean irqPending;
    private boolean line;

    /** An RTC showing {@code hostNanos} (Unix nanoseconds) and interrupting through {@code irqs}. */
    public GoldfishRtc(LongSupplier hostNanos, IrqSink irqs) {
        this.hostNanos = hostNanos;
        this.irqs = irqs;
    }

    @Override
    public long base() {
        return BASE;
    }

    @Override
    public long size() {
        return SIZE;
    }

    /** The guest's calendar time in Unix nanoseconds. */
    public long now() {
        return hostNanos.getAsLong() + offset;
    }

    /** Fires the alarm when its time has come; the machine calls this as time passes. */
    public void update() {
        if (alarmArmed && now() >= alarm) {
            alarmArmed = false;
            irqPending = true;
        }
        boolean level = irqPending && irqEnabled;
        if (level != line) {
            line = level;
            irqs.setIrq(IRQ, level);
        }
    }

    /**
     * Host nanoseconds from now until the armed alarm interrupts, 0 if it is due, or
     * {@link Long#MAX_VALUE} when no alarm can interrupt (or it is further than that away: the
     * guest sets both the time and the alarm, so the difference may not fit).
     */
    public long nanosUntilAlarm() {
        if (!alarmArmed || !irqEnabled) {
            return Long.MAX_VALUE;
        }
        long now = now();
        if (now >= alarm) {
            return 0;
        }
        long until = alarm - now;
        return until < 0 ? Long.MAX_VALUE : until;
    }

    @Override
    public long read(long offset, int width) {
        if (width != 4) {
            return 0;
        }
        if (offset == TIME_LOW) {
            long time = now();
            latchedHigh = time >>> 32;
            return time & LOW_32;
        }
        if (offset == TIME_HIGH) {
            return latchedHigh;
        }
        if (offset == ALARM_LOW) {
            return alarm & LOW_32;
        }
        if (offset == ALARM_HIGH) {
            return alarm >>> 32;
        }
        if (offset == IRQ_ENABLED) {
            return irqEnabled ? 1 : 0;
        }
        if (offset == ALARM_STATUS) {
            return alarmArmed ? 1 : 0;
        }
        return 0;
    }

    @Override
    public void write(long offset, int width, long value) {
        if (width != 4) {
            return;
        }
        long word = value & LOW_32;
        if (offset == TIME_HIGH) {
            pendingHigh = word;
        } else if (offset == TIME_LOW) {
            this.offset = ((pendingHigh << 32) | word) - hostNanos.getAsLong();
        } else if (offset == ALARM_HIGH) {
            alarmHigh = word;
        } else if (offset == ALARM_LOW) {
            alarm = (alarmHigh << 32) | word;
            alarmArmed = true;
            update();
        } else if (offset == IRQ_ENABLED) {
            irqEnabled = (word & 1) != 0;
            update();
        } else if (offset == CLEAR_ALARM) {
            alarmArmed = false;
        } else if (offset == CLEAR_INTERRUPT) {
            irqPending = false;
            update();
        }
    }

    @Override
    public void describe(DeviceTree tree) {
        tree.beginNode("rtc@" + Long.toHexString(BASE))
                .property("compatible", "google,goldfish-rtc")
                .longs("reg", BASE, SIZE)
                .cells("interrupts", IRQ)
                .cells("interrupt-parent", DeviceTree.PHANDLE_PLIC)
                .endNode();
    }

    // ---- snapshot ----

    @Override
    public String stateName() {
        return "goldfish-rtc";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    /**
     * The offset is what the guest set relative to the host's time, so a guest that never set the
     * clock reads the resuming host's real time (its offset is 0), and one that did keeps its shift.
     */
    @Override
    public void saveState(StateWriter out) {
        out.i64(offset).i64(latchedHigh).i64(pendingHigh).i64(alarmHigh).i64(alarm)
                .bool(alarmArmed).bool(irqEnabled).bool(irqPending).bool(line);
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        offset = in.i64();
        latchedHigh = in.i64();
        pendingHigh = in.i64();
        alarmHigh = in.i64();
        alarm = in.i64();
        alarmArmed = in.bool();
        irqEnabled = in.bool();
        irqPending = in.bool();
        line = in.bool(); // the PLIC restores its copy of the line from its own section
    }
}
