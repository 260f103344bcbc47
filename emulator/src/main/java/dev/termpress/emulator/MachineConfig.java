package dev.termpress.emulator;

import dev.termpress.emulator.host.Clock;
import dev.termpress.emulator.host.ConsoleOutput;
import dev.termpress.emulator.host.EntropySource;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.host.SeededEntropySource;

/**
 * How to build a {@link Machine}.
 *
 * @param ramBytes guest RAM size: a multiple of 4 KiB below 1 GiB
 * @param bootargs the kernel command line ({@code /chosen/bootargs})
 * @param clock where guest time comes from
 * @param console where the guest's console output goes
 * @param rngSeed bytes for {@code /chosen/rng-seed} (the kernel's early entropy)
 * @param entropy what the virtio entropy device hands the guest
 */
public record MachineConfig(
        long ramBytes, String bootargs, Clock clock, ConsoleOutput console, byte[] rngSeed, EntropySource entropy) {

    /** 128 MiB: enough for a Debian userland over 9p with room for page cache. */
    public static final long DEFAULT_RAM_BYTES = 128L << 20;
    public static final String DEFAULT_BOOTARGS = "earlycon=sbi console=hvc0";
    private static final long DETERMINISTIC_ENTROPY_SEED = 0x7465_726d_7072_6573L;
    private static final int SEED_BYTES = 32;

    public MachineConfig {
        if (bootargs == null || clock == null || console == null || rngSeed == null || entropy == null) {
            throw new IllegalArgumentException(
                    "MachineConfig: bootargs, clock, console, rngSeed and entropy must be set");
        }
    }

    /** Defaults with a deterministic clock and fixed seeds: every run is the same. */
    public static MachineConfig deterministic(ConsoleOutput console) {
        byte[] seed = new byte[SEED_BYTES];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (0x5a + 37 * i);
        }
        return new MachineConfig(DEFAULT_RAM_BYTES, DEFAULT_BOOTARGS, new InstructionClock(), console, seed,
                new SeededEntropySource(DETERMINISTIC_ENTROPY_SEED));
    }

    public MachineConfig withRamBytes(long bytes) {
        return new MachineConfig(bytes, bootargs, clock, console, rngSeed, entropy);
    }

    public MachineConfig withBootargs(String args) {
        return new MachineConfig(ramBytes, args, clock, console, rngSeed, entropy);
    }

    public MachineConfig withClock(Clock c) {
        return new MachineConfig(ramBytes, bootargs, c, console, rngSeed, entropy);
    }

    public MachineConfig withEntropy(EntropySource source) {
        return new MachineConfig(ramBytes, bootargs, clock, console, rngSeed, source);
    }
}
