package dev.termpress.emulator.fuzz;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.Cpu;
import java.util.SplittableRandom;

/**
 * A bare machine for instruction fuzzing: 1 MiB of RAM full of random words, a small M-mode handler that
 * skips two bytes past every trap (a 32-bit word's upper half then runs as the next parcel) and returns to
 * the trapping mode, page tables that are partly random (RAM identity-mapped and again at an alias, so
 * stores reach code by a second address), and random registers biased towards RAM, the code and the
 * device windows. {@link RandomInstructionFuzzTest} and the Jazzer target {@link CpuFuzzTest} share it.
 */
final class FuzzMachine {

    /** Random parcels (2 bytes each) written per episode. */
    static final int CODE_PARCELS = 512;
    /** One random word in this many is made a store (SB, SH, SW or SD), to rewrite code. */
    private static final int STORE_ONE_IN = 6;
    private static final int OPCODE_STORE = 0x23;

    // Guest layout (physical = virtual for the identity mappings).
    private static final long HANDLER = Ram.BASE;
    private static final long ROOT_TABLE = Ram.BASE + 0x1000;
    private static final long RANDOM_TABLE = Ram.BASE + 0x2000;
    static final long CODE = Ram.BASE + 0x10_000; // SKIP_HANDLER builds this address
    static final long RAM_BYTES = 1L << 20;
    /** With paging on, RAM is also mapped here (root entry 3), so stores reach code by an alias. */
    private static final long ALIAS = Ram.BASE + (1L << 30);

    // CSR numbers (privileged spec 2.2) and fields.
    private static final int MSTATUS = 0x300;
    private static final int MEDELEG = 0x302;
    private static final int MIDELEG = 0x303;
    private static final int MIE = 0x304;
    private static final int MTVEC = 0x305;
    private static final int MCOUNTEREN = 0x306;
    private static final int STVEC = 0x105;
    private static final int SATP = 0x180;
    private static final int FCSR = 0x003;
    private static final long SATP_SV39 = 8L << 60;
    /** mstatus SIE, MIE and MPRV, SUM, MXR, TVM, TW, TSR (privileged spec 3.1.6): chosen at random. */
    private static final long MSTATUS_RANDOM_CONTROLS = (0x3fL << 17) | 0xa;
    /** mie SSIE, MSIE, STIE, MTIE, SEIE, MEIE (privileged spec 3.1.9). */
    private static final long MIE_STANDARD = 0xaaa;
    /** Sv39 PTE bits (privileged spec 4.3.1). */
    private static final long PTE_V = 1;
    private static final long PTE_RWX = 0xe;
    private static final long PTE_U = 0x10;
    private static final long PTE_AD = 0xc0;

    /**
     * M-mode trap handler (t0 saved in mscratch): resumes two bytes past the trapping instruction,
     * or back at CODE after a fetch fault, which otherwise repeats for the rest of the episode.
     */
    private static final int[] SKIP_HANDLER = {
        0x340292f3, // csrrw t0, mscratch, t0
        0x342022f3, // csrr  t0, mcause
        0xfff28293, // addi  t0, t0, -1          (instruction access fault?)
        0x00028c63, // beqz  t0, refetch
        0xff528293, // addi  t0, t0, -11         (instruction page fault?)
        0x00028863, // beqz  t0, refetch
        0x341022f3, // csrr  t0, mepc
        0x00228293, // addi  t0, t0, 2
        0x00c0006f, // j     resume
        0x400082b7, // refetch: lui t0, 0x40008
        0x00129293, // slli  t0, t0, 1           (t0 = CODE)
        0x34129073, // resume: csrw mepc, t0
        0x340292f3, // csrrw t0, mscratch, t0
        0x30200073, // mret
    };

    private FuzzMachine() {
    }

    /** A machine whose whole RAM holds random words, so wild jumps land in random code too. */
    static Machine newMachine(SplittableRandom random) {
        Machine machine = new Machine(MachineConfig.deterministic((b, o, l) -> { }).withRamBytes(RAM_BYTES));
        for (long a = Ram.BASE; a < Ram.BASE + RAM_BYTES; a += 4) {
            machine.ram().store32(a, random.nextInt());
        }
        return machine;
    }

    /** Random code at CODE (a sixth of the words stores), then {@link #enter}. */
    static void prepare(Machine machine, SplittableRandom random, int mode, boolean paging) {
        for (int i = 0; i < CODE_PARCELS; i += 2) {
            // Mix compressed-looking parcels (low bits != 11) with full 32-bit words.
            int word = random.nextInt();
            if (random.nextInt(STORE_ONE_IN) == 0) {
                word = (word & ~0x707f) | (random.nextInt(4) << 12) | OPCODE_STORE;
            }
            machine.ram().store32(CODE + 2L * i, word);
        }
        enter(machine, random, mode, paging);
    }

    /**
     * Fresh handler and page tables; random registers and CSRs; the hart at CODE in {@code mode}. The code
     * at CODE is the caller's.
     */
    static void enter(Machine machine, SplittableRandom random, int mode, boolean paging) {
        Ram ram = machine.ram();
        for (int i = 0; i < SKIP_HANDLER.length; i++) {
            ram.store32(HANDLER + 4L * i, SKIP_HANDLER[i]);
        }
        writePageTables(ram, random, mode);
        Cpu cpu = machine.cpu();
        machine.bootBare(CODE);
        cpu.setCsr(MTVEC, HANDLER);
        cpu.setCsr(STVEC, HANDLER); // anything delegated by random code lands in S at the handler
        cpu.setCsr(MEDELEG, 0);
        cpu.setCsr(MIDELEG, 0);
        cpu.setCsr(MIE, random.nextLong() & MIE_STANDARD); // interrupts may arrive mid-stream
        cpu.setCsr(MCOUNTEREN, random.nextLong());
        long fs = (long) random.nextInt(4) << 13;
        long controls = random.nextLong() & MSTATUS_RANDOM_CONTROLS;
        cpu.setCsr(MSTATUS, fs | controls | ((long) mode << 11));
        cpu.setCsr(FCSR, random.nextInt(0x100));
        cpu.setCsr(SATP, paging ? SATP_SV39 | ROOT_TABLE >>> 12 : 0);
        for (int r = 1; r < 32; r++) {
            cpu.setReg(r, randomValue(random));
            cpu.setFreg(r, random.nextLong());
        }
        cpu.setPrivilege(mode);
        cpu.flushTlb(); // the code came from the host: a decoded-instruction cache must not keep old words
    }

    /** Registers are often addresses: bias them towards RAM, the code and the device windows. */
    private static long randomValue(SplittableRandom random) {
        switch (random.nextInt(8)) {
            case 0:
                return CODE + random.nextInt(CODE_PARCELS * 2);
            case 1:
                return Ram.BASE + random.nextLong(RAM_BYTES + 0x1000);
            case 2:
                return 0x0200_0000L + random.nextInt(0x10000); // CLINT
            case 3:
                return random.nextInt(4096) - 2048;
            case 4:
                return 0x0c00_0000L + random.nextInt(0x40_0000); // PLIC
            case 5:
                return 0x1000_1000L + random.nextInt(0x8000); // virtio-mmio slots
            case 6:
                return ALIAS - Ram.BASE + CODE + random.nextInt(CODE_PARCELS * 2);
            default:
                return random.nextLong();
        }
    }

    /**
     * Root: RAM as one 1 GiB page (with U for U-mode so its code can run), again at {@link #ALIAS},
     * and entry 0 pointing at a table of random PTEs, so walks through garbage happen too.
     */
    private static void writePageTables(Ram ram, SplittableRandom random, int mode) {
        for (int i = 0; i < 512; i++) {
            ram.store64(ROOT_TABLE + 8L * i, 0);
            long pte = random.nextLong();
            if (random.nextBoolean()) {
                // A plausible PTE: PPN inside RAM, random flags.
                pte = ((Ram.BASE + random.nextLong(RAM_BYTES)) >>> 12 << 10) | (pte & 0x3ff);
            }
            ram.store64(RANDOM_TABLE + 8L * i, pte);
        }
        long ramPage = (Ram.BASE >>> 12 << 10) | PTE_V | PTE_RWX | PTE_AD | (mode == Cpu.PRIV_U ? PTE_U : 0);
        ram.store64(ROOT_TABLE + 8L * (Ram.BASE >>> 30), ramPage);
        ram.store64(ROOT_TABLE + 8L * (ALIAS >>> 30), ramPage);
        ram.store64(ROOT_TABLE, (RANDOM_TABLE >>> 12 << 10) | PTE_V);
        ram.store64(ROOT_TABLE + 8L * 511, random.nextLong());
    }
}
