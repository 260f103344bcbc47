package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.devices.Clint;
import org.junit.jupiter.api.Test;

class PrivilegeTest {

    private static final long BASE = Harness.BASE;
    private static final long M_HANDLER = BASE + 0x400;
    private static final long S_HANDLER = BASE + 0x800;
    private static final long USER_CODE = BASE + 0x1000;

    private final Harness h = new Harness();

    /** Points mtvec/stvec at handlers made of NOPs, so a step after a trap stays in the handler. */
    private void handlers() {
        h.cpu.setCsr(Csr.MTVEC, M_HANDLER);
        h.cpu.setCsr(Csr.STVEC, S_HANDLER);
        for (int k = 0; k < 64; k++) {
            h.code(M_HANDLER + 4L * k, NOP);
            h.code(S_HANDLER + 4L * k, NOP);
        }
    }

    @Test
    void ecallFromMachineModeTrapsToMtvec() {
        handlers();
        h.program(ECALL).step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.ECALL_FROM_M);
        assertThat(h.cpu.csr(Csr.MEPC)).isEqualTo(BASE);
        assertThat(h.cpu.pc()).isEqualTo(M_HANDLER);
    }

    @Test
    void mretEntersUserModeAndDelegatedEcallGoesToSupervisor() {
        handlers();
        h.cpu.setCsr(Csr.MEDELEG, 1L << Trap.ECALL_FROM_U);
        h.cpu.setCsr(Csr.MEPC, USER_CODE);
        h.cpu.setCsr(Csr.MSTATUS, Csr.MSTATUS_MPIE | Csr.MSTATUS_SPIE); // MPP = U
        h.program(MRET).code(USER_CODE, ECALL);
        h.step(1);
        assertThat(h.cpu.privilege()).isEqualTo(Cpu.PRIV_U);
        assertThat(h.cpu.csr(Csr.MSTATUS) & Csr.MSTATUS_MIE).as("MIE <- MPIE").isNotZero();
        h.step(1);
        assertThat(h.cpu.privilege()).isEqualTo(Cpu.PRIV_S);
        assertThat(h.cpu.csr(Csr.SCAUSE)).isEqualTo(Trap.ECALL_FROM_U);
        assertThat(h.cpu.csr(Csr.SEPC)).isEqualTo(USER_CODE);
        assertThat(h.cpu.csr(Csr.MSTATUS) & Csr.MSTATUS_SPP).as("came from U").isZero();
        assertThat(h.cpu.pc()).isEqualTo(S_HANDLER);
        h.code(S_HANDLER, SRET).step(1);
        assertThat(h.cpu.privilege()).isEqualTo(Cpu.PRIV_U);
        assertThat(h.cpu.pc()).isEqualTo(USER_CODE);
    }

    @Test
    void exceptionsFromMachineModeAreNeverDelegated() {
        handlers();
        h.cpu.setCsr(Csr.MEDELEG, Csr.MEDELEG_WRITABLE);
        h.program(EBREAK).step(1);
        assertThat(h.cpu.privilege()).isEqualTo(Cpu.PRIV_M);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.BREAKPOINT);
        assertThat(h.cpu.csr(Csr.MTVAL)).isEqualTo(BASE);
    }

    @Test
    void privilegedInstructionsAreIllegalBelowTheirMode() {
        handlers();
        h.cpu.setPrivilege(Cpu.PRIV_S);
        h.program(MRET).step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
        assertThat(h.cpu.csr(Csr.MTVAL)).isEqualTo(MRET & 0xffff_ffffL);

        Harness u = new Harness();
        u.cpu.setCsr(Csr.MTVEC, M_HANDLER);
        u.cpu.setPrivilege(Cpu.PRIV_U);
        u.program(csrrs(A0, Csr.MSTATUS, ZERO)).step(1);
        assertThat(u.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
        assertThat(u.cpu.privilege()).isEqualTo(Cpu.PRIV_M);
        assertThat(u.cpu.csr(Csr.MSTATUS) >>> Csr.MSTATUS_MPP_SHIFT & 3).as("MPP = U").isZero();
    }

    @Test
    void sfenceAndSretRespectTvmAndTsr() {
        handlers();
        h.cpu.setCsr(Csr.MSTATUS, Csr.MSTATUS_TVM | Csr.MSTATUS_TSR);
        h.cpu.setPrivilege(Cpu.PRIV_S);
        h.program(SFENCE_VMA).step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
        h.cpu.setPrivilege(Cpu.PRIV_S);
        h.cpu.setPc(BASE + 4);
        h.code(BASE + 4, SRET).step(1);
        assertThat(h.cpu.csr(Csr.MEPC)).isEqualTo(BASE + 4);
        h.cpu.setPrivilege(Cpu.PRIV_S);
        h.cpu.setPc(BASE + 8);
        h.code(BASE + 8, csrrs(A0, Csr.SATP, ZERO)).step(1);
        assertThat(h.cpu.csr(Csr.MEPC)).isEqualTo(BASE + 8);
    }

    @Test
    void machineTimerInterruptIsVectored() {
        handlers();
        h.cpu.setCsr(Csr.MTVEC, M_HANDLER | 1);
        h.cpu.setCsr(Csr.MIE, Csr.MIP_MTIP);
        h.cpu.setCsr(Csr.MSTATUS, Csr.MSTATUS_MIE);
        h.ram.store64(BASE + 0x1000, 0);
        // Write mtimecmp = 0 through the CLINT, then spin.
        h.set(A1, Clint.BASE + 0x4000).program(sd(ZERO, A1, 0), j(0, ZERO));
        h.step(1);
        assertThat(h.cpu.pendingInterrupts() & Csr.MIP_MTIP).isNotZero();
        h.step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.INTERRUPT_BIT | Trap.IRQ_M_TIMER);
        assertThat(h.cpu.csr(Csr.MEPC)).isEqualTo(BASE + 4);
        assertThat(h.cpu.csr(Csr.MSTATUS) & Csr.MSTATUS_MIE).isZero();
        assertThat(h.cpu.csr(Csr.MSTATUS) & Csr.MSTATUS_MPIE).isNotZero();
        assertThat(h.cpu.pc()).isEqualTo(M_HANDLER + 4 * Trap.IRQ_M_TIMER + 4);
    }

    @Test
    void softwareInterruptOutranksTimer() {
        handlers();
        h.cpu.setCsr(Csr.MIE, Csr.MIP_MTIP | Csr.MIP_MSIP);
        h.cpu.setPending(Csr.MIP_MTIP | Csr.MIP_MSIP, true);
        h.program(NOP, NOP).step(1);
        assertThat(h.cpu.pc()).as("MIE clear: nothing taken in M").isEqualTo(BASE + 4);
        h.cpu.setCsr(Csr.MSTATUS, Csr.MSTATUS_MIE);
        h.step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.INTERRUPT_BIT | Trap.IRQ_M_SOFTWARE);
    }

    @Test
    void delegatedInterruptsWaitWhileInMachineMode() {
        handlers();
        h.cpu.setCsr(Csr.MIDELEG, Csr.S_INTERRUPTS);
        h.cpu.setCsr(Csr.MIE, Csr.MIP_STIP);
        h.cpu.setCsr(Csr.MSTATUS, Csr.MSTATUS_SIE | Csr.MSTATUS_MIE);
        h.cpu.setCsr(Csr.MIP, Csr.MIP_STIP);
        h.program(NOP, NOP).code(USER_CODE, NOP).step(1);
        assertThat(h.cpu.pc()).isEqualTo(BASE + 4);
        h.cpu.setPrivilege(Cpu.PRIV_U);
        h.cpu.setPc(USER_CODE);
        h.step(1);
        assertThat(h.cpu.privilege()).isEqualTo(Cpu.PRIV_S);
        assertThat(h.cpu.csr(Csr.SCAUSE)).isEqualTo(Trap.INTERRUPT_BIT | Trap.IRQ_S_TIMER);
        assertThat(h.cpu.csr(Csr.SEPC)).isEqualTo(USER_CODE);
        assertThat(h.cpu.csr(Csr.SIP) & Csr.MIP_STIP).isNotZero();
    }

    @Test
    void wfiSkipsAheadToTheTimerOnTheInstructionClock() {
        h.cpu.setCsr(Csr.MTVEC, M_HANDLER);
        h.cpu.setCsr(Csr.MIE, Csr.MIP_MTIP);
        h.ram.store64(BASE + 0x100, 1_000_000); // mtimecmp value: 0.1 s
        h.set(A1, Clint.BASE + 0x4000).set(A2, BASE + 0x100)
                .program(ld(A3, A2, 0), sd(A3, A1, 0), WFI, addi(A0, ZERO, 7));
        long ran = h.machine.run(1000);
        assertThat(h.x(A0)).as("woke up without taking the (disabled) interrupt").isEqualTo(7);
        assertThat(ran).isEqualTo(1000);
        assertThat(h.cpu.csr(Csr.TIME)).isGreaterThanOrEqualTo(1_000_000);
    }

    @Test
    void wfiWithNothingToWaitForReturnsToTheHost() {
        h.program(WFI, NOP);
        long ran = h.machine.run(100);
        assertThat(ran).isEqualTo(1);
        assertThat(h.machine.idle()).isTrue();
        assertThat(h.machine.nextWakeUpTicks()).isEqualTo(Long.MAX_VALUE);
        h.cpu.setCsr(Csr.MIE, Csr.MIP_SSIP);
        h.cpu.setCsr(Csr.MIP, Csr.MIP_SSIP);
        assertThat(h.machine.run(1)).isEqualTo(1);
        assertThat(h.cpu.pc()).isEqualTo(BASE + 8);
    }

    @Test
    void wfiIsIllegalInUserMode() {
        handlers();
        h.cpu.setPrivilege(Cpu.PRIV_U);
        h.program(WFI).step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
    }
}
