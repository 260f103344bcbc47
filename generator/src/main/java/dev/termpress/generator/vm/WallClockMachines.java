package dev.termpress.generator.vm;

import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.host.ConsoleOutput;
import dev.termpress.emulator.host.SecureEntropySource;
import dev.termpress.emulator.host.WallClock;
import java.security.SecureRandom;

/** Machine settings for a person at a terminal: real time and real randomness. */
public final class WallClockMachines {

    private static final int SEED_BYTES = 32;

    private WallClockMachines() {}

    /** Default RAM and boot arguments, {@code clock} for time, fresh seeds from the host's secure random source. */
    public static MachineConfig config(WallClock clock, ConsoleOutput console) {
        byte[] seed = new byte[SEED_BYTES];
        new SecureRandom().nextBytes(seed);
        return new MachineConfig(MachineConfig.DEFAULT_RAM_BYTES, MachineConfig.DEFAULT_BOOTARGS, clock, console, seed,
                new SecureEntropySource());
    }
}
