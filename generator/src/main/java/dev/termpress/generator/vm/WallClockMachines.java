package dev.termpress.generator.vm;

import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.host.ConsoleOutput;
import dev.termpress.emulator.host.SecureEntropySource;
import dev.termpress.emulator.host.WallClock;
import java.security.SecureRandom;

/** Machine settings for a person at a terminal: real time and real randomness. */
public final class WallClockMachines {

    private static final int SEED_BYTES = 32;
    /**
     * Only kernel errors reach the user's terminal (kernel-parameters.txt, "loglevel"; it follows
     * "quiet", which also keeps termpress-init from announcing itself). No earlycon: the SBI boot
     * console prints every early message whatever the log level.
     */
    static final String BOOTARGS = "console=hvc0 quiet loglevel=3";

    private WallClockMachines() {}

    /** Default RAM, a quiet kernel, {@code clock} for time, fresh seeds from the host's secure random source. */
    public static MachineConfig config(WallClock clock, ConsoleOutput console) {
        byte[] seed = new byte[SEED_BYTES];
        new SecureRandom().nextBytes(seed);
        return new MachineConfig(MachineConfig.DEFAULT_RAM_BYTES, BOOTARGS, clock, console, seed,
                new SecureEntropySource());
    }
}
