package dev.termpress.runtime.jit;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.Cpu;

/**
 * A bare machine running {@link GuestLoop} on the interpreter: the reference every translated
 * variant of the spike must agree with, and the interpreter baseline it is measured against.
 */
public final class GuestLoopMachine {
    /** Guest RAM for the spike: the code, and the buffer 1 MiB above it. */
    public static final long RAM_BYTES = 2L << 20;

    private final Machine machine;

    public GuestLoopMachine() {
        machine = new Machine(MachineConfig.deterministic((data, offset, length) -> { }).withRamBytes(RAM_BYTES));
        byte[] code = GuestLoop.code();
        machine.ram().write(GuestLoop.ENTRY, code, 0, code.length);
        int[] words = machine.ram().words();
        int first = (int) ((GuestLoop.BUFFER - Ram.BASE) >>> 2);
        for (int i = 0; i < GuestLoop.WORDS_PER_PASS; i++) {
            words[first + i] = pattern(i);
        }
        machine.bootBare(GuestLoop.ENTRY);
    }

    /** The buffer's initial word {@code i}: varied, and negative for some, so sign extension matters. */
    public static int pattern(int i) {
        return i * 0x9E37_79B9 + 12345;
    }

    /** Runs the three set-up instructions, so the hart stands at {@link GuestLoop#INNER_PC}. */
    public void runSetup() {
        run(GuestLoop.SETUP_INSTRUCTIONS);
    }

    /** Runs the interpreter for {@code instructions} and returns how many ran. */
    public long run(long instructions) {
        return machine.run(instructions);
    }

    public Cpu cpu() {
        return machine.cpu();
    }

    /** The guest RAM words (the interpreter's own array, {@code bus.Ram}). */
    public int[] ramWords() {
        return machine.ram().words();
    }

    /** The interpreter's register array (x0..x31 and its x0 sink), as translated code sees it. */
    public long[] registers() {
        return machine.cpu().translationAccess().x;
    }

    /** A checksum of the buffer: what the loop's stores have left there. */
    public long bufferChecksum() {
        return checksum(ramWords(), (int) ((GuestLoop.BUFFER - Ram.BASE) >>> 2));
    }

    /** The same checksum over {@code words} starting at index {@code first}. */
    public static long checksum(int[] words, int first) {
        long sum = 0;
        for (int i = 0; i < GuestLoop.WORDS_PER_PASS; i++) {
            sum = sum * 31 + words[first + i];
        }
        return sum;
    }
}
