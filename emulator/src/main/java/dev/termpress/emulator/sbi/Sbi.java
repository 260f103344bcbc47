package dev.termpress.emulator.sbi;

import dev.termpress.emulator.bus.HartInterrupts;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.Cpu;
import dev.termpress.emulator.cpu.Firmware;
import dev.termpress.emulator.devices.PowerControl;
import dev.termpress.emulator.host.ConsoleOutput;
import dev.termpress.emulator.host.InputQueue;
import java.nio.charset.StandardCharsets;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;

/**
 * The built-in SBI implementation (RISC-V SBI specification v2.0): the emulator answers the
 * kernel's S-mode {@code ecall}s itself, so no M-mode firmware runs in the guest.
 * Calling convention (§3): extension id in a7, function id in a6, arguments in a0..a5; the
 * error code returns in a0 and the value in a1. Legacy extensions (§5) return only a0.
 */
public final class Sbi implements Firmware, Snapshottable {

    // Extension ids (§3–§12).
    public static final long EXT_LEGACY_SET_TIMER = 0x00;
    public static final long EXT_LEGACY_PUTCHAR = 0x01;
    public static final long EXT_LEGACY_GETCHAR = 0x02;
    public static final long EXT_LEGACY_CLEAR_IPI = 0x03;
    public static final long EXT_LEGACY_SEND_IPI = 0x04;
    public static final long EXT_LEGACY_REMOTE_FENCE_I = 0x05;
    public static final long EXT_LEGACY_REMOTE_SFENCE_VMA = 0x06;
    public static final long EXT_LEGACY_REMOTE_SFENCE_VMA_ASID = 0x07;
    public static final long EXT_LEGACY_SHUTDOWN = 0x08;
    public static final long EXT_BASE = 0x10;
    public static final long EXT_TIME = 0x5449_4D45L;
    public static final long EXT_IPI = 0x0073_5049L;
    public static final long EXT_RFENCE = 0x5246_4E43L;
    public static final long EXT_HSM = 0x0048_534DL;
    public static final long EXT_SRST = 0x5352_5354L;
    public static final long EXT_DBCN = 0x4442_434EL;

    // Error codes (§3, table 1).
    public static final long SUCCESS = 0;
    public static final long ERR_FAILED = -1;
    public static final long ERR_NOT_SUPPORTED = -2;
    public static final long ERR_INVALID_PARAM = -3;
    public static final long ERR_ALREADY_AVAILABLE = -6;

    /** SBI specification version 2.0: major in bits 30:24, minor in 23:0 (§4.1). */
    public static final long SPEC_VERSION = 2L << 24;
    /** Implementation id: not one of the registered ids (§4.9), so the kernel prints it as a number. */
    public static final long IMPL_ID = 0x7470;
    public static final long IMPL_VERSION = 1;

    /** hart_get_status: STARTED (§9.3). */
    private static final long HART_STARTED = 0;
    private static final long RESET_SHUTDOWN = 0;
    private static final long RESET_COLD_REBOOT = 1;
    private static final long RESET_WARM_REBOOT = 2;
    private static final long RESET_REASON_NONE = 0;
    /** Exit code when the guest traps into M-mode, which this firmware never expects. */
    public static final int EXIT_UNEXPECTED_TRAP = 254;

    private static final int A0 = 10;
    private static final int A1 = 11;
    private static final int A6 = 16;
    private static final int A7 = 17;

    private final Ram ram;
    private final ConsoleOutput console;
    private final InputQueue input;
    private final PowerControl power;
    private final HartInterrupts hart;
    private long timerDeadline = Long.MAX_VALUE;
    private final byte[] one = new byte[1];
    /** Reused for console writes, which the kernel makes for every line it prints. */
    private byte[] scratch = new byte[256];

    /** Firmware for the hart behind {@code hart}, on {@code ram}, with console and power. */
    public Sbi(Ram ram, HartInterrupts hart, ConsoleOutput console, InputQueue input, PowerControl power) {
        this.ram = ram;
        this.hart = hart;
        this.console = console;
        this.input = input;
        this.power = power;
    }

    /** Raises mip.STIP once the time set through {@code sbi_set_timer} has come. */
    public void update(long now) {
        if (Long.compareUnsigned(now, timerDeadline) >= 0) {
            hart.setPending(HartInterrupts.MIP_STIP, true);
        }
    }

    /** When the S-mode timer fires, in clock ticks ({@link Long#MAX_VALUE}: not armed). */
    public long nextDeadline() {
        return timerDeadline;
    }

    @Override
    public void ecall(Cpu cpu) {
        long eid = cpu.reg(A7);
        long fid = cpu.reg(A6);
        if (eid <= EXT_LEGACY_SHUTDOWN) {
            cpu.setReg(A0, legacy(cpu, eid));
            return;
        }
        long[] result = {ERR_NOT_SUPPORTED, 0};
        if (eid == EXT_BASE) {
            base(fid, cpu.reg(A0), result);
        } else if (eid == EXT_TIME) {
            if (fid == 0) {
                setTimer(cpu.reg(A0));
                result[0] = SUCCESS;
            }
        } else if (eid == EXT_IPI) {
            if (fid == 0) {
                result[0] = sendIpi(cpu.reg(A0), cpu.reg(A1));
            }
        } else if (eid == EXT_RFENCE) {
            if (fid <= 2) { // remote fence.i, sfence.vma, sfence.vma.asid: only this hart exists
                cpu.flushTlb();
                result[0] = SUCCESS;
            }
        } else if (eid == EXT_HSM) {
            hsm(fid, cpu.reg(A0), result);
        } else if (eid == EXT_SRST) {
            if (fid == 0) {
                result[0] = systemReset(cpu.reg(A0), cpu.reg(A1));
            }
        } else if (eid == EXT_DBCN) {
            if (!debugConsole(cpu, fid, result)) {
                return; // its buffer has not arrived: the hart stops before the ecall and makes it again
            }
        }
        cpu.setReg(A0, result[0]);
        cpu.setReg(A1, result[1]);
    }

    private long legacy(Cpu cpu, long eid) {
        long a0 = cpu.reg(A0);
        switch ((int) eid) {
            case (int) EXT_LEGACY_SET_TIMER:
                setTimer(a0);
                return SUCCESS;
            case (int) EXT_LEGACY_PUTCHAR:
                putByte((int) a0);
                return SUCCESS;
            case (int) EXT_LEGACY_GETCHAR:
                return input.poll();
            case (int) EXT_LEGACY_CLEAR_IPI:
                hart.setPending(HartInterrupts.MIP_SSIP, false);
                return SUCCESS;
            case (int) EXT_LEGACY_SEND_IPI:
                hart.setPending(HartInterrupts.MIP_SSIP, true);
                return SUCCESS;
            case (int) EXT_LEGACY_SHUTDOWN:
                power.powerOff(0);
                return SUCCESS;
            default: // the legacy remote fences
                cpu.flushTlb();
                return SUCCESS;
        }
    }

    private void base(long fid, long a0, long[] result) {
        result[0] = SUCCESS;
        switch ((int) fid) {
            case 0:
                result[1] = SPEC_VERSION;
                break;
            case 1:
                result[1] = IMPL_ID;
                break;
            case 2:
                result[1] = IMPL_VERSION;
                break;
            case 3:
                result[1] = probe(a0) ? 1 : 0;
                break;
            case 4: // mvendorid, marchid, mimpid all read 0
            case 5:
            case 6:
                result[1] = 0;
                break;
            default:
                result[0] = ERR_NOT_SUPPORTED;
                break;
        }
    }

    /** Whether extension {@code eid} is implemented (sbi_probe_extension, §4.4). */
    public static boolean probe(long eid) {
        return (eid >= EXT_LEGACY_SET_TIMER && eid <= EXT_LEGACY_SHUTDOWN) || eid == EXT_BASE || eid == EXT_TIME
                || eid == EXT_IPI || eid == EXT_RFENCE || eid == EXT_HSM || eid == EXT_SRST || eid == EXT_DBCN;
    }

    private void setTimer(long deadline) {
        timerDeadline = deadline;
        hart.setPending(HartInterrupts.MIP_STIP, false); // §6.1: clears the pending timer interrupt
    }

    private long sendIpi(long hartMask, long hartMaskBase) {
        boolean all = hartMaskBase == -1;
        boolean hart0 = all || (hartMaskBase == 0 && (hartMask & 1) != 0);
        if (!all && hartMaskBase != 0) {
            return ERR_INVALID_PARAM;
        }
        if (hart0) {
            hart.setPending(HartInterrupts.MIP_SSIP, true);
        }
        return SUCCESS;
    }

    private void hsm(long fid, long hartId, long[] result) {
        switch ((int) fid) {
            case 0: // hart_start
                result[0] = hartId == 0 ? ERR_ALREADY_AVAILABLE : ERR_INVALID_PARAM;
                break;
            case 1: // hart_stop: the only hart cannot stop
                result[0] = ERR_FAILED;
                break;
            case 2: // hart_get_status
                if (hartId == 0) {
                    result[0] = SUCCESS;
                    result[1] = HART_STARTED;
                } else {
                    result[0] = ERR_INVALID_PARAM;
                }
                break;
            default:
                result[0] = ERR_NOT_SUPPORTED;
                break;
        }
    }

    private long systemReset(long type, long reason) {
        if (type == RESET_SHUTDOWN) {
            power.powerOff(reason == RESET_REASON_NONE ? 0 : 1);
            return SUCCESS;
        }
        if (type == RESET_COLD_REBOOT || type == RESET_WARM_REBOOT) {
            power.reset();
            return SUCCESS;
        }
        return ERR_INVALID_PARAM;
    }

    /**
     * Debug console (§12): memory arguments are physical addresses, base_lo in a1, base_hi in a2. Returns
     * false, with nothing done, when the buffer covers a RAM page whose bytes have not arrived (a boot
     * snapshot's second part): the hart then waits for it as for any access ({@link Cpu#waitForAbsentPage}).
     */
    private boolean debugConsole(Cpu cpu, long fid, long[] result) {
        long count = cpu.reg(A0);
        long address = cpu.reg(A1) | (cpu.reg(A1 + 1) << 32);
        boolean buffer = fid == 0 || fid == 1;
        if (buffer && count > 0 && ram.contains(address, count) && !ram.present(address, count)) {
            cpu.waitForAbsentPage(address);
            return false;
        }
        switch ((int) fid) {
            case 0: { // console_write
                if (count < 0 || !ram.contains(address, count)) {
                    result[0] = ERR_INVALID_PARAM;
                    return true;
                }
                if (scratch.length < count) {
                    scratch = new byte[(int) count];
                }
                ram.read(address, scratch, 0, (int) count);
                console.write(scratch, 0, (int) count);
                result[0] = SUCCESS;
                result[1] = count;
                return true;
            }
            case 1: { // console_read
                if (count < 0 || !ram.contains(address, count)) {
                    result[0] = ERR_INVALID_PARAM;
                    return true;
                }
                int n = (int) Math.min(count, input.available());
                for (int i = 0; i < n; i++) {
                    ram.store8(address + i, input.poll());
                }
                result[0] = SUCCESS;
                result[1] = n;
                return true;
            }
            case 2: // console_write_byte
                putByte((int) count);
                result[0] = SUCCESS;
                return true;
            default:
                return true;
        }
    }

    private void putByte(int b) {
        one[0] = (byte) b;
        console.write(one, 0, 1);
    }

    @Override
    public void unexpectedMachineTrap(Cpu cpu, long cause, long tval, long epc) {
        String message = "\nsbi: unexpected trap to M-mode: mcause=0x" + Long.toHexString(cause) + " mtval=0x"
                + Long.toHexString(tval) + " mepc=0x" + Long.toHexString(epc) + "\n";
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        console.write(bytes, 0, bytes.length);
        power.powerOff(EXIT_UNEXPECTED_TRAP);
    }

    // ---- snapshot: the S-mode timer; console input waits in the machine's queue, saved with it ----

    @Override
    public String stateName() {
        return "sbi";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) {
        out.i64(timerDeadline);
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        timerDeadline = in.i64();
    }
}
