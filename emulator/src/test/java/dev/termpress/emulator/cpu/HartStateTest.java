package dev.termpress.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;
import org.junit.jupiter.api.Test;

class HartStateTest {

    private static Cpu cpu() {
        return new Machine(MachineConfig.deterministic((b, o, n) -> { }).withRamBytes(1L << 20)).cpu();
    }

    private static byte[] save(Cpu cpu) throws SnapshotException {
        StateWriter out = new StateWriter();
        new HartState(cpu).saveState(out);
        return out.toByteArray();
    }

    private static void restore(Cpu cpu, byte[] state) throws SnapshotException {
        StateReader in = new StateReader(state, 0, state.length, "hart");
        new HartState(cpu).restoreState(in, 1);
        assertThat(in.remaining()).isZero();
    }

    @Test
    void everyRegisterCsrAndFlagComesBack() throws Exception {
        Cpu cpu = cpu();
        for (int i = 1; i < 32; i++) {
            cpu.setReg(i, 0x1111_0000_0000_0000L * (i % 15) + i);
            cpu.setFreg(i, 0x7ff8_0000_0000_0000L | i);
        }
        cpu.setPc(0x8000_1234L);
        int[] csrs = {Csr.MEDELEG, Csr.MIDELEG, Csr.MIE, Csr.MTVEC, Csr.MSCRATCH, Csr.MEPC, Csr.MCAUSE, Csr.MTVAL,
            Csr.STVEC, Csr.SSCRATCH, Csr.SEPC, Csr.SCAUSE, Csr.STVAL, Csr.MCOUNTEREN, Csr.SCOUNTEREN};
        for (int i = 0; i < csrs.length; i++) {
            cpu.setCsr(csrs[i], 0x100L * (i + 1) + 4 * i);
        }
        cpu.setCsr(Csr.MSTATUS, Csr.MSTATUS_SUM | Csr.MSTATUS_MXR | Csr.MSTATUS_FS);
        cpu.setCsr(Csr.SATP, 8L << 60 | 0x8_0123L);
        cpu.setCsr(Csr.FCSR, 3 << 5 | 0x15);
        cpu.setCsr(Csr.MINSTRET, 77_777);
        cpu.setCsr(Csr.MIP, Csr.MIP_SSIP);
        cpu.setPrivilege(Cpu.PRIV_S);
        cpu.reservation = 0x8000_0040L;
        cpu.waiting = true;
        cpu.instret = 123_456;
        byte[] state = save(cpu);

        Cpu restored = cpu();
        restore(restored, state);
        assertThat(save(restored)).isEqualTo(state);
        for (int i = 1; i < 32; i++) {
            assertThat(restored.reg(i)).isEqualTo(cpu.reg(i));
            assertThat(restored.freg(i)).isEqualTo(cpu.freg(i));
        }
        for (int csr : csrs) {
            assertThat(restored.csr(csr)).as("csr 0x%x", csr).isEqualTo(cpu.csr(csr));
        }
        for (int csr : new int[] {Csr.MSTATUS, Csr.SATP, Csr.FCSR, Csr.MINSTRET, Csr.MIP, Csr.SSTATUS}) {
            assertThat(restored.csr(csr)).as("csr 0x%x", csr).isEqualTo(cpu.csr(csr));
        }
        assertThat(restored.pc()).isEqualTo(0x8000_1234L);
        assertThat(restored.privilege()).isEqualTo(Cpu.PRIV_S);
        assertThat(restored.reservation).isEqualTo(0x8000_0040L);
        assertThat(restored.waitingForInterrupt()).isTrue();
        assertThat(restored.instret()).isEqualTo(123_456);
        assertThat(restored.dataKey).as("TLB keys follow privilege, SUM and MXR").isEqualTo(cpu.dataKey);
        assertThat(restored.fetchKey).isEqualTo(cpu.fetchKey);
    }

    @Test
    void aPrivilegeLevelThatDoesNotExistIsDamage() throws Exception {
        byte[] state = save(cpu());
        state[31 * 8 + 32 * 8 + 8] = 2; // after x1..x31, f0..f31 and pc
        assertThatThrownBy(() -> restore(cpu(), state)).isInstanceOf(SnapshotException.class)
                .hasMessage("hart is damaged: privilege level 2");
    }
}
