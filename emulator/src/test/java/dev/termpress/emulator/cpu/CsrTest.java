package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrTest {

    private static final long BASE = Harness.BASE;
    private final Harness h = new Harness();

    CsrTest() {
        h.cpu.setCsr(Csr.MTVEC, BASE + 0x800);
        h.code(BASE + 0x800, NOP, NOP);
    }

    private boolean trapped() {
        return h.cpu.csr(Csr.MCAUSE) == Trap.ILLEGAL_INSTRUCTION && h.cpu.privilege() == Cpu.PRIV_M
                && h.cpu.pc() >= BASE + 0x800;
    }

    @Test
    void readSetClearAndImmediateForms() {
        h.set(A1, 0xf0).program(
                csrrw(ZERO, Csr.MSCRATCH, A1),
                csrrs(A0, Csr.MSCRATCH, ZERO),
                csrrwi(A2, Csr.MSCRATCH, 5),
                csrrc(A3, Csr.MSCRATCH, A1),
                csrrs(T0, Csr.MSCRATCH, ZERO)).step(5);
        assertThat(h.x(A0)).isEqualTo(0xf0);
        assertThat(h.x(A2)).isEqualTo(0xf0);
        assertThat(h.x(A3)).isEqualTo(5);
        assertThat(h.x(T0)).isEqualTo(5);
    }

    @Test
    void writingAReadOnlyCsrIsIllegalButReadingIsFine() {
        h.program(csrrs(A0, Csr.MVENDORID, ZERO), csrrs(A1, Csr.MISA, ZERO), csrrw(ZERO, Csr.MVENDORID, A0)).step(3);
        assertThat(h.x(A0)).isZero();
        assertThat(h.x(A1)).isEqualTo(Csr.MISA_RV64IMAFDCSU);
        assertThat(trapped()).isTrue();
    }

    @Test
    void unknownCsrIsIllegal() {
        h.program(csrrs(A0, 0x7ff, ZERO)).step(1);
        assertThat(trapped()).isTrue();
        assertThat(h.cpu.csr(Csr.MTVAL)).isEqualTo(csrrs(A0, 0x7ff, ZERO) & 0xffff_ffffL);
    }

    @Test
    void mstatusViewsAndWarlFields() {
        h.cpu.setCsr(Csr.MSTATUS, -1L);
        long m = h.cpu.csr(Csr.MSTATUS);
        assertThat(m & Csr.MSTATUS_MPP).as("MPP=2 is reserved, keeps M").isEqualTo(3L << 11);
        assertThat(m & Csr.MSTATUS_SD).as("SD follows FS dirty").isNotZero();
        assertThat((m >>> 32) & 0xf).as("UXL=SXL=64").isEqualTo(0xa);
        long s = h.cpu.csr(Csr.SSTATUS);
        assertThat(s & (Csr.MSTATUS_MIE | Csr.MSTATUS_MPP)).as("M fields hidden").isZero();
        assertThat(s & Csr.MSTATUS_SUM).isNotZero();
        h.cpu.setCsr(Csr.SSTATUS, 0);
        assertThat(h.cpu.csr(Csr.MSTATUS) & Csr.MSTATUS_MIE).as("sstatus write keeps MIE").isNotZero();
        assertThat(h.cpu.csr(Csr.MSTATUS) & Csr.MSTATUS_FS).isZero();
    }

    @Test
    void sieAndSipSeeOnlyDelegatedBits() {
        h.cpu.setCsr(Csr.MIE, -1L);
        assertThat(h.cpu.csr(Csr.SIE)).isZero();
        h.cpu.setCsr(Csr.MIDELEG, -1L);
        assertThat(h.cpu.csr(Csr.MIDELEG)).isEqualTo(Csr.S_INTERRUPTS);
        assertThat(h.cpu.csr(Csr.SIE)).isEqualTo(Csr.S_INTERRUPTS);
        h.cpu.setCsr(Csr.SIP, -1L);
        assertThat(h.cpu.csr(Csr.SIP)).as("only SSIP is writable").isEqualTo(Csr.MIP_SSIP);
    }

    @Test
    void countersNeedCounterenBelowMachineMode() {
        h.cpu.setPrivilege(Cpu.PRIV_S);
        h.program(csrrs(A0, Csr.TIME, ZERO)).step(1);
        assertThat(trapped()).isTrue();

        Harness s = new Harness();
        s.cpu.setCsr(Csr.MCOUNTEREN, 7);
        s.cpu.setPrivilege(Cpu.PRIV_S);
        s.program(NOP, NOP, csrrs(A0, Csr.INSTRET, ZERO), csrrs(A1, Csr.TIME, ZERO)).step(4);
        assertThat(s.cpu.privilege()).isEqualTo(Cpu.PRIV_S);
        assertThat(s.x(A0)).as("two retired before it").isEqualTo(2);
    }

    @Test
    void minstretWritesOffsetTheCounter() {
        h.cpu.setCsr(Csr.MINSTRET, 1000);
        h.program(NOP, csrrs(A0, Csr.MINSTRET, ZERO)).step(2);
        assertThat(h.x(A0)).isEqualTo(1001);
    }

    @Test
    void anInstructionThatTrapsDoesNotRetire() {
        // Handler at BASE + 0x800 skips the faulting instruction: 4 instructions that retire.
        h.code(BASE + 0x800, csrrs(T0, Csr.MEPC, ZERO), addi(T0, T0, 4), csrrw(ZERO, Csr.MEPC, T0), MRET);
        h.program(csrrs(A0, Csr.MINSTRET, ZERO), 0xffff_ffff, EBREAK, csrrs(A1, Csr.MINSTRET, ZERO),
                csrrs(A2, Csr.INSTRET, ZERO)).step(1 + 1 + 4 + 1 + 4 + 1 + 1);
        assertThat(h.x(A1) - h.x(A0)).as("csrr, then two handler runs; the illegal and ebreak not counted")
                .isEqualTo(1 + 4 + 4);
        assertThat(h.x(A2) - h.x(A1)).isEqualTo(1);
        assertThat(h.cpu.instret()).as("the budget and the clock still count both").isEqualTo(13);
    }

    @Test
    void pmpRegistersReadBackWithinTheirLegalValues() {
        h.cpu.setCsr(Csr.PMPADDR0, 0x2000_0000L);
        h.cpu.setCsr(Csr.PMPADDR0 + 63, -1L);
        assertThat(h.cpu.csr(Csr.PMPADDR0)).isEqualTo(0x2000_0000L);
        assertThat(h.cpu.csr(Csr.PMPADDR0 + 63)).as("54 address bits").isEqualTo((1L << 54) - 1);
        // entry 0: NAPOT RWX; entry 1: W without R (reserved, W dropped); entry 2: reserved bits 5-6 set
        h.cpu.setCsr(Csr.PMPCFG0, 0x0000_0000_007f_021fL);
        assertThat(h.cpu.csr(Csr.PMPCFG0)).isEqualTo(0x0000_0000_001f_001fL);
        h.cpu.setCsr(Csr.PMPCFG0 + 14, 0x0f00_0000_0000_0000L);
        assertThat(h.cpu.csr(Csr.PMPCFG0 + 14)).isEqualTo(0x0f00_0000_0000_0000L);

        h.set(A1, 0x1234).program(csrrw(ZERO, Csr.PMPADDR0 + 5, A1), csrrs(A0, Csr.PMPADDR0 + 5, ZERO)).step(2);
        assertThat(h.x(A0)).isEqualTo(0x1234);
        assertThat(trapped()).isFalse();
    }

    @Test
    void lockedPmpEntriesIgnoreWritesAndOddPmpcfgIsIllegalOnRv64() {
        h.cpu.setCsr(Csr.PMPCFG0, 0x8f00L); // entry 1: locked TOR, R W X
        h.cpu.setCsr(Csr.PMPADDR0, 0x100);
        h.cpu.setCsr(Csr.PMPADDR0 + 1, 0x200);
        h.cpu.setCsr(Csr.PMPCFG0, 0);
        assertThat(h.cpu.csr(Csr.PMPCFG0)).isEqualTo(0x8f00L);
        assertThat(h.cpu.csr(Csr.PMPADDR0)).as("below a locked TOR entry").isZero();
        assertThat(h.cpu.csr(Csr.PMPADDR0 + 1)).isZero();

        h.program(csrrs(A0, Csr.PMPCFG0 + 1, ZERO)).step(1);
        assertThat(trapped()).isTrue();
    }

    @Test
    void floatingPointIsIllegalWhileFsIsOff() {
        int fmvDX = 0xf2000053 | (A1 << 15) | (1 << 7); // fmv.d.x f1, a1
        h.set(A1, 0x4000_0000_0000_0000L).program(fmvDX, csrrs(A0, Csr.FCSR, ZERO)).step(1);
        assertThat(trapped()).isTrue();

        Harness on = new Harness();
        on.cpu.setCsr(Csr.MSTATUS, 1L << 13); // FS = Initial
        on.set(A1, 0x4000_0000_0000_0000L).program(fmvDX).step(1);
        assertThat(on.cpu.freg(1)).isEqualTo(0x4000_0000_0000_0000L);
        assertThat(on.cpu.csr(Csr.MSTATUS) & Csr.MSTATUS_FS).as("dirty").isEqualTo(Csr.MSTATUS_FS_DIRTY);
    }

    @Test
    void singlesAreNanBoxedAndUnboxedChecked() {
        h.cpu.setCsr(Csr.MSTATUS, Csr.MSTATUS_FS_DIRTY);
        int fmvWX = 0xf0000053 | (A1 << 15) | (1 << 7); // fmv.w.x f1, a1
        int fsgnjnS = 0x20001053 | (1 << 20) | (1 << 15) | (2 << 7); // fsgnjn.s f2, f1, f1
        int fmvXW = 0xe0000053 | (2 << 15) | (A0 << 7); // fmv.x.w a0, f2
        h.set(A1, 0x3f80_0000L).program(fmvWX, fsgnjnS, fmvXW).step(3);
        assertThat(h.cpu.freg(1)).isEqualTo(0xffff_ffff_3f80_0000L);
        assertThat(h.x(A0)).isEqualTo(0xffff_ffff_bf80_0000L);
        h.cpu.setFreg(1, 0x3f80_0000L); // not boxed: reads as the canonical NaN
        h.cpu.setPc(BASE + 4);
        h.step(1);
        assertThat(h.cpu.freg(2)).isEqualTo(0xffff_ffff_ffc0_0000L);
    }
}
