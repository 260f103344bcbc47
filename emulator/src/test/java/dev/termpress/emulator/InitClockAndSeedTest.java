package dev.termpress.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.host.SeededEntropySource;
import org.junit.jupiter.api.Test;

/** init.conf's realtime and seed, which the handshake fills in: the guest's clock and random state follow them. */
class InitClockAndSeedTest {

    private static final long BOOT_BUDGET = 400_000_000L;
    private static final long COMMAND_BUDGET = 100_000_000L;
    /** 2033-05-18T03:33:20Z. */
    private static final long LATER_NANOS = 2_000_000_000L * 1_000_000_000L;

    @Test
    void theGuestClockShowsTheTimeTheHostHandsIn() throws Exception {
        BusyboxGuest guest = BusyboxGuest.boot("console=hvc0 quiet", "", () -> LATER_NANOS, null);
        guest.type("date -u +%Y-%m-%dT%H:%M\n");

        guest.runUntil("2033-05-18T03:33\r\n", BOOT_BUDGET);
    }

    @Test
    void theSeedDecidesWhatUrandomGives() throws Exception {
        String first = urandomWithSeedSource(1);
        String again = urandomWithSeedSource(1);
        String other = urandomWithSeedSource(2);

        assertThat(again).as("same machine, same seed: the deterministic clock repeats everything").isEqualTo(first);
        assertThat(other).as("same machine, another seed").isNotEqualTo(first);
    }

    private static String urandomWithSeedSource(long seed) throws Exception {
        BusyboxGuest guest = BusyboxGuest.boot("console=hvc0 quiet", "", () -> LATER_NANOS,
                new SeededEntropySource(seed));
        guest.type("echo up\n");
        guest.runUntil("up\r\n", BOOT_BUDGET);
        String out = guest.command("od -An -tx1 -N16 /dev/urandom", COMMAND_BUDGET);
        return out.substring(out.indexOf('\n') + 1).trim();
    }
}
