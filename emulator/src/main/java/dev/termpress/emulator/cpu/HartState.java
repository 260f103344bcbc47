package dev.termpress.emulator.cpu;

import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;

/**
 * The hart's architectural state for a snapshot: registers, pc, privilege, every CSR with storage
 * (including fflags and frm), the counters, the LR/SC reservation and the WFI and halt flags. Kept
 * apart from {@link Cpu} so the interpreter's file stays about execution. The TLB keys are derived
 * state and the TLBs are flushed: a restored hart walks its page tables afresh.
 */
public final class HartState implements Snapshottable {

    private static final int INTEGER_REGISTERS = 32;
    private static final int FLOAT_REGISTERS = 32;

    private final Cpu cpu;

    /** The state of {@code cpu}. */
    public HartState(Cpu cpu) {
        this.cpu = cpu;
    }

    @Override
    public String stateName() {
        return "hart";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) throws SnapshotException {
        if (cpu.trapPending) {
            // Only possible inside run(): the loop takes every trap before it returns.
            throw new SnapshotException("the hart has a trap pending: snapshot between runs, not during one");
        }
        for (int i = 1; i < INTEGER_REGISTERS; i++) {
            out.i64(cpu.x[i]);
        }
        for (int i = 0; i < FLOAT_REGISTERS; i++) {
            out.i64(cpu.f[i]);
        }
        out.i64(cpu.pc).u8(cpu.priv);
        out.i64(cpu.mstatus).i64(cpu.medeleg).i64(cpu.mideleg).i64(cpu.mie).i64(cpu.mip);
        out.i64(cpu.mtvec).i64(cpu.mscratch).i64(cpu.mepc).i64(cpu.mcause).i64(cpu.mtval);
        out.i64(cpu.stvec).i64(cpu.sscratch).i64(cpu.sepc).i64(cpu.scause).i64(cpu.stval);
        out.i64(cpu.satp).i32(cpu.mcounteren).i32(cpu.scounteren);
        out.u8(cpu.frm).u8(cpu.softFloat.flags);
        out.i64(cpu.instret).i64(cpu.counterOffset).i64(cpu.reservation);
        out.bool(cpu.waiting).bool(cpu.halted);
    }

    @Override
    public void restoreState(StateReader in, int version) throws SnapshotException {
        for (int i = 1; i < INTEGER_REGISTERS; i++) {
            cpu.x[i] = in.i64();
        }
        for (int i = 0; i < FLOAT_REGISTERS; i++) {
            cpu.f[i] = in.i64();
        }
        cpu.pc = in.i64();
        int priv = in.u8();
        if (priv != Cpu.PRIV_U && priv != Cpu.PRIV_S && priv != Cpu.PRIV_M) {
            throw in.damaged("privilege level " + priv);
        }
        cpu.mstatus = in.i64();
        cpu.medeleg = in.i64();
        cpu.mideleg = in.i64();
        cpu.mie = in.i64();
        cpu.mip = in.i64();
        cpu.mtvec = in.i64();
        cpu.mscratch = in.i64();
        cpu.mepc = in.i64();
        cpu.mcause = in.i64();
        cpu.mtval = in.i64();
        cpu.stvec = in.i64();
        cpu.sscratch = in.i64();
        cpu.sepc = in.i64();
        cpu.scause = in.i64();
        cpu.stval = in.i64();
        cpu.satp = in.i64();
        cpu.mcounteren = in.i32();
        cpu.scounteren = in.i32();
        cpu.frm = in.u8() & 7;
        cpu.softFloat.flags = in.u8() & 0x1f;
        cpu.instret = in.i64();
        cpu.counterOffset = in.i64();
        cpu.reservation = in.i64();
        cpu.waiting = in.bool();
        cpu.halted = in.bool();
        cpu.trapPending = false;
        cpu.stop = false;
        cpu.x[0] = 0;
        cpu.setPrivilege(priv); // recomputes the TLB keys from priv and mstatus
        cpu.mmu.flush();
    }
}
