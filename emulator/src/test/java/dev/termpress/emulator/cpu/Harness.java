package dev.termpress.emulator.cpu;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import java.io.ByteArrayOutputStream;

/** A small bare machine that runs hand-assembled words from the start of RAM in M-mode. */
public final class Harness {

    public static final long BASE = Ram.BASE;

    public final ByteArrayOutputStream console = new ByteArrayOutputStream();
    public final Machine machine;
    public final Cpu cpu;
    public final Ram ram;

    public Harness() {
        machine = new Machine(MachineConfig.deterministic(console::write).withRamBytes(4L << 20));
        cpu = machine.cpu();
        ram = machine.ram();
        machine.bootBare(BASE);
    }

    /** Writes instruction words at {@code address}. */
    public Harness code(long address, int... words) {
        for (int k = 0; k < words.length; k++) {
            ram.store32(address + 4L * k, words[k]);
        }
        return this;
    }

    /** Writes instruction words at the start of RAM. */
    public Harness program(int... words) {
        return code(BASE, words);
    }

    /** Runs exactly {@code n} instructions (fewer if the machine halts or waits). */
    public Harness step(int n) {
        machine.run(n);
        return this;
    }

    public long x(int reg) {
        return cpu.reg(reg);
    }

    public Harness set(int reg, long value) {
        cpu.setReg(reg, value);
        return this;
    }
}
