package dev.termpress.emulator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.Cpu;
import dev.termpress.emulator.cpu.DecodeCacheInvariant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Executes random 16- and 32-bit instruction words in M, S and U mode, with paging off and on
 * (over page tables that are partly random), from random register state: whatever the guest
 * does, no host exception may escape {@link Machine#run}. {@link FuzzMachine} keeps the hart
 * executing random words past every trap; all of RAM holds random words too.
 *
 * <p>The code also modifies itself: stores are common among the random words, registers often
 * point into the code (directly or through a second, aliasing mapping of RAM), and after every
 * episode each decoded instruction the CPU caches must still match RAM (no write path may leave a
 * stale one; {@link DecodeCacheInvariant}).
 *
 * <p>Seeded and reproducible: a failure names the seed and episode. The default run is short;
 * {@code -Dtermpress.fuzz.episodes=N} (and {@code -Dtermpress.fuzz.seed=S}) run longer.
 */
class RandomInstructionFuzzTest {

    private static final long DEFAULT_SEED = 0x7e57_f022L;
    private static final int DEFAULT_EPISODES = 40_000;
    private static final long INSTRUCTIONS_PER_EPISODE = 1_000;
    /** A fresh machine every so often, so that state the guest wrecked does not persist forever. */
    private static final int EPISODES_PER_MACHINE = 500;
    /** Every page's cached instructions are checked this often; the code page's after every episode. */
    private static final int EPISODES_PER_FULL_CHECK = 25;

    @Test
    void randomInstructionsNeverThrowOnTheHost() {
        long seed = Long.getLong("termpress.fuzz.seed", DEFAULT_SEED);
        int episodes = Integer.getInteger("termpress.fuzz.episodes", DEFAULT_EPISODES);
        SplittableRandom random = new SplittableRandom(seed);
        Machine machine = null;
        long[] executed = new long[1];
        for (int episode = 0; episode < episodes; episode++) {
            if (episode % EPISODES_PER_MACHINE == 0 || machine.halted()) {
                machine = FuzzMachine.newMachine(random);
            }
            Machine current = machine;
            int mode = new int[] {Cpu.PRIV_M, Cpu.PRIV_S, Cpu.PRIV_U}[episode % 3];
            boolean paging = mode != Cpu.PRIV_M && random.nextBoolean();
            int number = episode;
            String context = String.format("seed 0x%x, episode %d (mode %d, paging %b)", seed, number, mode, paging);
            assertThatCode(() -> {
                FuzzMachine.prepare(current, random, mode, paging);
                executed[0] += current.run(INSTRUCTIONS_PER_EPISODE);
            }).as(context).doesNotThrowAnyException();
            String stale = episode % EPISODES_PER_FULL_CHECK == 0
                    ? DecodeCacheInvariant.firstStaleEntry(current.cpu())
                    : DecodeCacheInvariant.firstStaleEntry(current.cpu(), (int) ((FuzzMachine.CODE - Ram.BASE) >>> 12));
            assertThat(stale).as(context).isNull();
        }
        // Guard against a vacuous pass: most episodes must really execute (WFI may end a few early).
        assertThat(executed[0]).isGreaterThan(episodes * INSTRUCTIONS_PER_EPISODE / 2);
    }
}
