package dev.termpress.emulator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.Cpu;
import dev.termpress.emulator.translate.Translator;
import dev.termpress.emulator.translate.jvm.JvmBlockCompiler;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the translator: random loops of the instructions the IR covers (integer
 * ops with random registers, M extension, loads and stores with random widths and addresses
 * inside RAM, outside it, misaligned, into the loop's own code, forward branches, and the odd
 * instruction the IR leaves to the interpreter), run hot in lockstep mode so that every compiled
 * block is compared with the interpreter from the same state. A fault handler skips the faulting
 * instruction. Seeded: {@code -Dtermpress.fuzz.seed=S}, {@code -Dtermpress.fuzz.loops=N}.
 */
class TranslatedBlockFuzzTest {

    private static final long HANDLER = Ram.BASE;
    private static final long CODE = Ram.BASE + 0x1000;
    private static final long DATA = Ram.BASE + 0x4000;
    private static final long RAM_BYTES = 1L << 20;
    private static final int DATA_REG = 8;
    private static final int CODE_REG = 9;
    /** csrr t6, mepc; addi t6, t6, 4; csrw mepc, t6; mret (t6 is never a random destination). */
    private static final int[] SKIP_HANDLER = {0x34102ff3, 0x004f8f93, 0x341f9073, 0x30200073};

    @Test
    void randomHotLoopsAgreeWithTheInterpreter() {
        long seed = Long.getLong("termpress.fuzz.seed", 0x6a17_b10cL);
        int loops = Integer.getInteger("termpress.fuzz.loops", 300);
        SplittableRandom random = new SplittableRandom(seed);
        long checked = 0;
        for (int loop = 0; loop < loops; loop++) {
            Machine machine = new Machine(MachineConfig.deterministic((b, o, l) -> { }).withRamBytes(RAM_BYTES));
            machine.cpu().setAccelerator(null);
            Translator translator = Translator.install(machine.cpu(), new JvmBlockCompiler(), true);
            prepare(machine, random);
            assertThatCode(() -> machine.run(4000)).as("seed 0x%x, loop %d", seed, loop).doesNotThrowAnyException();
            checked += translator.lockstepChecked();
        }
        assertThat(checked).as("blocks compared").isGreaterThan(loops * 10L);
    }

    private static void prepare(Machine machine, SplittableRandom random) {
        Ram ram = machine.ram();
        for (int i = 0; i < SKIP_HANDLER.length; i++) {
            ram.store32(HANDLER + 4L * i, SKIP_HANDLER[i]);
        }
        int n = 4 + random.nextInt(24);
        for (int i = 0; i < n; i++) {
            ram.store32(CODE + 4L * i, instruction(random, n - i));
        }
        ram.store32(CODE + 4L * n, jal(0, -4 * n)); // back to the start
        for (long a = DATA; a < DATA + 0x2000; a += 4) {
            ram.store32(a, random.nextInt());
        }
        Cpu cpu = machine.cpu();
        machine.bootBare(CODE);
        cpu.setCsr(0x305, HANDLER); // mtvec
        for (int r = 1; r < 31; r++) {
            cpu.setReg(r, random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(64) - 32);
        }
        cpu.setReg(DATA_REG, DATA + random.nextInt(0x1000));
        cpu.setReg(CODE_REG, CODE);
    }

    /** A random destination: never x8/x9 (the bases) nor t6 (the handler's). */
    private static int rd(SplittableRandom random) {
        int r = random.nextInt(16);
        return r == DATA_REG || r == CODE_REG ? 0 : r;
    }

    private static int rs(SplittableRandom random) {
        return random.nextInt(16);
    }

    private static int instruction(SplittableRandom random, int left) {
        int kind = random.nextInt(100);
        if (kind < 30) { // OP, OP-32 (with M)
            int[] funct7 = {0, 0, 0, 0x20, 1};
            int opcode = random.nextBoolean() ? 0x33 : 0x3b;
            return (funct7[random.nextInt(funct7.length)] << 25) | (rs(random) << 20) | (rs(random) << 15)
                    | (random.nextInt(8) << 12) | (rd(random) << 7) | opcode;
        }
        if (kind < 55) { // OP-IMM, OP-IMM-32, LUI, AUIPC
            int choice = random.nextInt(10);
            if (choice == 0) {
                return (random.nextInt() & 0xfffff000) | (rd(random) << 7) | 0x37;
            }
            if (choice == 1) {
                return (random.nextInt() & 0xfffff000) | (rd(random) << 7) | 0x17;
            }
            int funct3 = random.nextInt(8);
            int imm = random.nextInt(4096) - 2048;
            if (funct3 == 1 || funct3 == 5) {
                imm = random.nextInt(64) | (funct3 == 5 && random.nextBoolean() ? 0x400 : 0);
            }
            int opcode = random.nextInt(3) == 0 ? 0x1b : 0x13;
            return (imm << 20) | (rs(random) << 15) | (funct3 << 12) | (rd(random) << 7) | opcode;
        }
        int base = random.nextInt(10) == 0 ? rs(random) : random.nextInt(6) == 0 ? CODE_REG : DATA_REG;
        int offset = random.nextInt(10) == 0 ? random.nextInt(4096) - 2048 : random.nextInt(64) - 8;
        if (kind < 72) { // loads
            return (offset << 20) | (base << 15) | (random.nextInt(7) << 12) | (rd(random) << 7) | 0x03;
        }
        if (kind < 87) { // stores
            return ((offset >> 5) << 25) | (rs(random) << 20) | (base << 15) | (random.nextInt(4) << 12)
                    | ((offset & 31) << 7) | 0x23;
        }
        if (kind < 97 && left > 1) { // a forward branch inside the loop
            int target = 4 * (1 + random.nextInt(left - 1));
            int[] funct3 = {0, 1, 4, 5, 6, 7};
            return branch(funct3[random.nextInt(funct3.length)], rs(random), rs(random), target);
        }
        return 0x0ff0000f; // fence
    }

    private static int branch(int funct3, int rs1, int rs2, int imm) {
        return (((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15)
                | (funct3 << 12) | (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | 0x63;
    }

    private static int jal(int rd, int imm) {
        return (((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20)
                | (imm & 0xff000) | (rd << 7) | 0x6f;
    }
}
