package dev.termpress.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random instruction words in every mode must never escape as host exceptions. */
class RandomInstructionSmokeTest {

    private static final int ROUNDS = 60;
    private static final int WORDS = 4096;
    private static final int STEPS = 5_000;

    @Test
    void randomWordsNeverThrow() {
        Random random = new Random(20261122);
        for (int round = 0; round < ROUNDS; round++) {
            Harness h = new Harness();
            for (int k = 0; k < WORDS; k++) {
                int word = random.nextInt();
                if (random.nextInt(4) == 0) {
                    word = (word & ~0x7f) | OPCODES[random.nextInt(OPCODES.length)]; // bias to real opcodes
                }
                h.ram.store32(Harness.BASE + 4L * k, word);
            }
            for (int r = 1; r < 32; r++) {
                long value = random.nextBoolean() ? Harness.BASE + random.nextInt(4 << 20) : random.nextLong();
                h.cpu.setReg(r, value);
            }
            h.cpu.setCsr(Csr.MTVEC, Harness.BASE + 4L * random.nextInt(WORDS));
            h.cpu.setCsr(Csr.STVEC, Harness.BASE + 4L * random.nextInt(WORDS));
            h.cpu.setCsr(Csr.MSTATUS, random.nextLong());
            h.cpu.setCsr(Csr.MEDELEG, random.nextLong());
            h.cpu.setPrivilege(new int[] {Cpu.PRIV_U, Cpu.PRIV_S, Cpu.PRIV_M}[round % 3]);
            if (round % 2 == 0) {
                h.cpu.setCsr(Csr.SATP, (8L << 60) | ((Harness.BASE >>> 12) + random.nextInt(1024)));
            }
            int seed = round;
            assertThatCode(() -> h.machine.run(STEPS)).as("round %d", seed).doesNotThrowAnyException();
        }
    }

    @Test
    void randomKernelImagesUnderTheFirmwareNeverThrow() {
        Random random = new Random(7);
        for (int round = 0; round < ROUNDS; round++) {
            Machine machine = new Machine(MachineConfig.deterministic((d, o, l) -> { }).withRamBytes(4L << 20));
            byte[] image = new byte[4 * WORDS];
            random.nextBytes(image);
            machine.bootKernel(image); // S-mode: random ecalls reach the SBI with random arguments
            for (int r = 1; r < 32; r++) {
                machine.cpu().setReg(r, random.nextBoolean() ? Harness.BASE + random.nextInt(4 << 20) : random.nextLong());
            }
            machine.cpu().setCsr(Csr.STVEC, Machine.KERNEL_ADDRESS + 4L * random.nextInt(WORDS));
            int seed = round;
            assertThatCode(() -> machine.run(STEPS)).as("round %d", seed).doesNotThrowAnyException();
        }
    }

    private static final int[] OPCODES = {
        0x03, 0x07, 0x0f, 0x13, 0x17, 0x1b, 0x23, 0x27, 0x2f, 0x33, 0x37, 0x3b, 0x43, 0x47, 0x4b, 0x4f,
        0x53, 0x63, 0x67, 0x6f, 0x73,
    };
}
