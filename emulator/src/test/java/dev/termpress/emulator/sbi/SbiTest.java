package dev.termpress.emulator.sbi;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.Cpu;
import dev.termpress.emulator.cpu.Csr;
import dev.termpress.emulator.virtio.VirtioConsole;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SbiTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Machine machine =
            new Machine(MachineConfig.deterministic(console::write).withRamBytes(8L << 20));
    private final Cpu cpu = machine.cpu();

    /** Boots a "kernel" made of {@code words} and runs it. */
    private void boot(int... words) {
        ByteBuffer image = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            image.putInt(w);
        }
        machine.bootKernel(image.array());
        machine.run(words.length);
    }

    /** One SBI call: loads a7/a6/a0/a1 from the given values then ecall. */
    private long[] call(long eid, long fid, long a0, long a1) {
        cpu.setReg(A7, eid);
        cpu.setReg(A6, fid);
        cpu.setReg(A0, a0);
        cpu.setReg(A1, a1);
        long pc = Machine.KERNEL_ADDRESS + 0x100;
        machine.ram().store32(pc, ECALL);
        cpu.setPc(pc);
        machine.run(1);
        assertThat(cpu.pc()).isEqualTo(pc + 4);
        return new long[] {cpu.reg(A0), cpu.reg(A1)};
    }

    @Test
    void kernelStartsInSupervisorModeWithHartIdAndDeviceTree() {
        boot(NOP);
        assertThat(cpu.privilege()).isEqualTo(Cpu.PRIV_S);
        assertThat(cpu.reg(A0)).isZero();
        long dtb = cpu.reg(A1);
        assertThat(machine.ram().load32(dtb)).as("FDT magic, big-endian").isEqualTo(Integer.reverseBytes(0xd00dfeed));
        assertThat(cpu.csr(Csr.MEDELEG) & (1L << 8)).as("U ecalls delegated").isNotZero();
        assertThat(cpu.csr(Csr.MIDELEG)).isEqualTo(Csr.S_INTERRUPTS);
    }

    @Test
    void userModeMayReadTheTimeCsrAfterHandover() {
        boot(NOP); // glibc's vDSO reads time in U-mode; without scounteren.TM bash dies with SIGILL
        assertThat(cpu.csr(Csr.SCOUNTEREN) & 0b10).isNotZero();
        assertThat(cpu.csr(Csr.MCOUNTEREN) & 0b10).isNotZero();
    }

    @Test
    void deviceTreeFitsAboveTheKernelInSmallRam() {
        Machine small = new Machine(MachineConfig.deterministic(console::write).withRamBytes(4L << 20));
        small.bootKernel(new byte[64 * 1024]);
        long dtb = small.cpu().reg(A1);
        assertThat(dtb).isGreaterThanOrEqualTo(Machine.KERNEL_ADDRESS + 64 * 1024);
        assertThat(dtb & 0xfff).isZero();
        assertThat(small.ram().contains(dtb, small.deviceTree().length)).isTrue();
    }

    @Test
    void baseExtensionReportsVersionAndProbes() {
        boot(NOP);
        assertThat(call(Sbi.EXT_BASE, 0, 0, 0)).containsExactly(0, 2L << 24);
        assertThat(call(Sbi.EXT_BASE, 3, Sbi.EXT_TIME, 0)).containsExactly(0, 1);
        assertThat(call(Sbi.EXT_BASE, 3, 0x0504_D55L, 0)).as("PMU is absent").containsExactly(0, 0);
        assertThat(call(Sbi.EXT_BASE, 4, 0, 0)).containsExactly(0, 0);
        assertThat(call(0x1234_5678L, 0, 0, 0)[0]).isEqualTo(Sbi.ERR_NOT_SUPPORTED);
        assertThat(call(Sbi.EXT_HSM, 2, 0, 0)).containsExactly(0, 0);
        assertThat(call(Sbi.EXT_HSM, 0, 0, 0)[0]).isEqualTo(Sbi.ERR_ALREADY_AVAILABLE);
    }

    @Test
    void consoleOutputAndInput() {
        boot(NOP);
        call(Sbi.EXT_LEGACY_PUTCHAR, 0, 'H', 0);
        long text = Machine.KERNEL_ADDRESS + 0x1000;
        byte[] hello = "ello".getBytes(StandardCharsets.US_ASCII);
        machine.ram().write(text, hello, 0, hello.length);
        assertThat(call(Sbi.EXT_DBCN, 0, hello.length, text)).containsExactly(0, 4);
        call(Sbi.EXT_DBCN, 2, '!', 0);
        assertThat(console.toString(StandardCharsets.US_ASCII)).isEqualTo("Hello!");
        assertThat(call(Sbi.EXT_DBCN, 0, 16, 0x1000)[0]).as("outside RAM").isEqualTo(Sbi.ERR_INVALID_PARAM);

        assertThat(call(Sbi.EXT_LEGACY_GETCHAR, 0, 0, 0)[0]).isEqualTo(-1);
        machine.sendInput(new byte[] {'a', 'b', 'c'}, 0, 3);
        assertThat(call(Sbi.EXT_LEGACY_GETCHAR, 0, 0, 0)[0]).isEqualTo('a');
        assertThat(call(Sbi.EXT_DBCN, 1, 8, text)).containsExactly(0, 2);
        assertThat(machine.ram().load16(text)).isEqualTo('b' | ('c' << 8));
    }

    @Test
    void theDebugConsoleWaitsForABufferOnAPageThatHasNotArrived() {
        boot(NOP);
        long text = Machine.KERNEL_ADDRESS + 0x1000;
        byte[] late = "late".getBytes(StandardCharsets.US_ASCII);
        machine.ram().write(text, late, 0, late.length);
        int page = (int) ((text - Ram.BASE) >>> Ram.PAGE_SHIFT);
        machine.ram().markAbsent(page); // a boot snapshot's second part still on its way
        long pc = Machine.KERNEL_ADDRESS + 0x100;
        machine.ram().store32(pc, ECALL);
        cpu.setReg(A7, Sbi.EXT_DBCN);
        cpu.setReg(A6, 0);
        cpu.setReg(A0, late.length);
        cpu.setReg(A1, text);
        cpu.setPc(pc);

        machine.run(1);

        assertThat(cpu.pc()).as("stopped before the ecall").isEqualTo(pc);
        assertThat(machine.waitingForPages()).isTrue();
        assertThat(console.size()).as("nothing written from a page not here").isZero();
        assertThat(cpu.reg(A0)).as("the guest's registers as they were").isEqualTo(late.length);

        machine.ram().arrived(page);
        machine.run(1);

        assertThat(cpu.pc()).isEqualTo(pc + 4);
        assertThat(console.toString(StandardCharsets.US_ASCII)).isEqualTo("late");
        assertThat(new long[] {cpu.reg(A0), cpu.reg(A1)}).containsExactly(0, late.length);
    }

    @Test
    void theDebugConsoleReadsNoInputIntoAPageThatHasNotArrived() {
        boot(NOP);
        long buffer = Machine.KERNEL_ADDRESS + 0x1000;
        int page = (int) ((buffer - Ram.BASE) >>> Ram.PAGE_SHIFT);
        machine.ram().markAbsent(page);
        machine.sendInput(new byte[] {'x', 'y'}, 0, 2);
        long pc = Machine.KERNEL_ADDRESS + 0x100;
        machine.ram().store32(pc, ECALL);
        cpu.setReg(A7, Sbi.EXT_DBCN);
        cpu.setReg(A6, 1);
        cpu.setReg(A0, 8);
        cpu.setReg(A1, buffer);
        cpu.setPc(pc);

        machine.run(1);
        assertThat(cpu.pc()).isEqualTo(pc);

        machine.ram().arrived(page);
        machine.run(1);
        assertThat(new long[] {cpu.reg(A0), cpu.reg(A1)}).as("the input kept for the call made again")
                .containsExactly(0, 2);
        assertThat(machine.ram().load16(buffer)).isEqualTo('x' | ('y' << 8));
    }

    @Test
    void inputTypedBeforeTheConsoleIsUpIsBoundedWithOneNotice() {
        boot(NOP);
        byte[] paste = new byte[VirtioConsole.MAX_PENDING_INPUT - 2];
        java.util.Arrays.fill(paste, (byte) 'p');
        machine.sendInput(paste, 0, paste.length);
        machine.sendInput(new byte[] {'x', 'y', 'z'}, 0, 3);
        machine.sendInput(new byte[] {'w'}, 0, 1);
        assertThat(console.toString(StandardCharsets.US_ASCII)).as("one notice, not one per keystroke")
                .isEqualTo(VirtioConsole.DROPPED_NOTICE + "1 bytes]\r\n");

        // The early boot code reads what waits: every byte that was taken, in order.
        for (int i = 0; i < paste.length; i++) {
            assertThat(call(Sbi.EXT_LEGACY_GETCHAR, 0, 0, 0)[0]).isEqualTo('p');
        }
        assertThat(call(Sbi.EXT_LEGACY_GETCHAR, 0, 0, 0)[0]).isEqualTo('x');
        assertThat(call(Sbi.EXT_LEGACY_GETCHAR, 0, 0, 0)[0]).isEqualTo('y');
        assertThat(call(Sbi.EXT_LEGACY_GETCHAR, 0, 0, 0)[0]).isEqualTo(-1);
    }

    @Test
    void setTimerRaisesSupervisorTimerWhenDue() {
        boot(NOP);
        call(Sbi.EXT_TIME, 0, 50, 0);
        assertThat(cpu.pendingInterrupts() & Csr.MIP_STIP).isZero();
        machine.ram().store32(Machine.KERNEL_ADDRESS + 0x104, 0xffdff06f); // j . (spin)
        machine.run(2000);
        assertThat(cpu.pendingInterrupts() & Csr.MIP_STIP).isNotZero();
        call(Sbi.EXT_TIME, 0, -1L, 0);
        assertThat(cpu.pendingInterrupts() & Csr.MIP_STIP).as("re-arming clears STIP").isZero();
    }

    @Test
    void ipiSetsSupervisorSoftwarePending() {
        boot(NOP);
        assertThat(call(Sbi.EXT_IPI, 0, 1, 0)[0]).isZero();
        assertThat(cpu.pendingInterrupts() & Csr.MIP_SSIP).isNotZero();
    }

    @Test
    void systemResetPowersOffWithReason() {
        boot(NOP);
        call(Sbi.EXT_SRST, 0, 0, 1); // shutdown, system failure
        assertThat(machine.halted()).isTrue();
        assertThat(machine.exitCode()).isEqualTo(1);
        assertThat(machine.run(100)).isZero();
    }

    @Test
    void userEcallsStillTrapToTheKernel() {
        boot(NOP);
        cpu.setCsr(Csr.STVEC, Machine.KERNEL_ADDRESS + 0x200);
        cpu.setPrivilege(Cpu.PRIV_U);
        long pc = Machine.KERNEL_ADDRESS + 0x100;
        machine.ram().store32(pc, ECALL);
        cpu.setPc(pc);
        machine.run(1);
        assertThat(cpu.privilege()).isEqualTo(Cpu.PRIV_S);
        assertThat(cpu.csr(Csr.SCAUSE)).isEqualTo(8);
        assertThat(cpu.pc()).isEqualTo(Machine.KERNEL_ADDRESS + 0x200);
    }

    @Test
    void trapIntoMachineModeHaltsWithADiagnostic() {
        boot(NOP);
        cpu.setCsr(Csr.MEDELEG, 0);
        call(Sbi.EXT_BASE, 0, 0, 0); // fine
        machine.ram().store32(Machine.KERNEL_ADDRESS + 0x100, 0xffff_ffff);
        cpu.setPc(Machine.KERNEL_ADDRESS + 0x100);
        machine.run(1);
        assertThat(machine.halted()).isTrue();
        assertThat(machine.exitCode()).isEqualTo(Sbi.EXIT_UNEXPECTED_TRAP);
        assertThat(console.toString(StandardCharsets.US_ASCII)).contains("mcause=0x2");
    }
}
