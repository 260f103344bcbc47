package dev.termpress.emulator.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import org.junit.jupiter.api.Test;

/**
 * A snapshot split in a hot first part and a cold second part: the resumed machine runs on the hot pages,
 * stops before a cold one until the second part is applied, and every damaged or foreign second part is
 * refused before a page is copied.
 */
class SplitSnapshotTest {

    private static final SnapshotIdentity ID = new SnapshotIdentity("k1", "sha256:i1");
    private static final long RAM = 4L << 20;
    private static final long DATA = Ram.BASE + 0x10_000;
    private static final int DATA_PAGE = 0x10;
    private static final long LAST = Ram.BASE + RAM - 8;

    private static Machine fresh() {
        return new Machine(MachineConfig.deterministic((b, o, n) -> { }).withRamBytes(RAM));
    }

    /** Loads from DATA into x2 after a few instructions, then loops adding to x1. */
    private static Machine saved() {
        Machine machine = fresh();
        machine.ram().store32(Ram.BASE, 0x0000_0013); // nop
        machine.ram().store32(Ram.BASE + 4, 0x0001_3103); // ld x2, 0(x2)
        machine.ram().store32(Ram.BASE + 8, 0x0010_8093); // addi x1, x1, 1
        machine.ram().store32(Ram.BASE + 12, 0xffdf_f06f); // j -4
        machine.ram().store64(DATA, 0x1234_5678_9abc_def0L);
        machine.ram().store64(LAST, 77);
        machine.bootBare(Ram.BASE);
        machine.cpu().setReg(2, DATA);
        return machine;
    }

    private static MachineSnapshot.Split split(Machine machine) throws SnapshotException {
        return MachineSnapshot.saveSplit(machine, ID, new int[] {0});
    }

    @Test
    void theResumedMachineStopsBeforeTheColdPageAndGoesOnOnceTheSecondPartIsApplied() throws Exception {
        Machine original = saved();
        MachineSnapshot.Split split = split(original);
        Machine resumed = fresh();
        MachineSnapshot.restore(resumed, split.first(), ID);

        assertThat(resumed.ram().absentPages()).as("the data page and the last one").isEqualTo(2);
        resumed.run(100);
        assertThat(resumed.waitingForPages()).isTrue();
        assertThat(resumed.cpu().pc()).isEqualTo(Ram.BASE + 4);
        assertThat(resumed.cpu().instret()).isEqualTo(1);

        ColdPages.apply(resumed.ram(), split.cold());
        resumed.run(99);
        original.run(100);

        assertThat(resumed.waitingForPages()).isFalse();
        assertThat(resumed.cpu().reg(2)).isEqualTo(0x1234_5678_9abc_def0L);
        assertThat(resumed.cpu().reg(1)).isEqualTo(original.cpu().reg(1)).isPositive();
        assertThat(resumed.cpu().instret()).isEqualTo(original.cpu().instret());
        assertThat(resumed.ram().load64(LAST)).isEqualTo(77);
        assertThat(MachineSnapshot.save(resumed, ID)).as("the whole machine as the cold run left it")
                .isEqualTo(MachineSnapshot.save(original, ID));
    }

    @Test
    void theSamemachineSplitsIntoTheSameBytes() throws Exception {
        MachineSnapshot.Split one = split(saved());
        MachineSnapshot.Split two = split(saved());
        assertThat(one.first()).isEqualTo(two.first());
        assertThat(one.cold()).isEqualTo(two.cold());
    }

    @Test
    void aDamagedSecondPartIsRefusedAndNothingIsCopied() throws Exception {
        MachineSnapshot.Split split = split(saved());
        Machine resumed = fresh();
        MachineSnapshot.restore(resumed, split.first(), ID);
        byte[] damaged = split.cold().clone();
        damaged[20] ^= 1;

        assertThatThrownBy(() -> ColdPages.apply(resumed.ram(), damaged)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> ColdPages.apply(resumed.ram(), java.util.Arrays.copyOf(split.cold(), 100)))
                .isInstanceOf(SnapshotException.class);
        assertThat(resumed.ram().absentPages()).isEqualTo(2);
        assertThat(resumed.ram().words()[(int) ((DATA - Ram.BASE) >>> 2)]).isZero();
    }

    @Test
    void theSecondPartOfAnotherSnapshotIsRefused() throws Exception {
        MachineSnapshot.Split split = split(saved());
        Machine other = saved();
        other.ram().store64(DATA, 5);
        MachineSnapshot.Split foreign = split(other);
        Machine resumed = fresh();
        MachineSnapshot.restore(resumed, split.first(), ID);

        assertThatThrownBy(() -> ColdPages.apply(resumed.ram(), foreign.cold())).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("another snapshot");
        assertThatThrownBy(() -> ColdPages.apply(resumed.ram(), split.first())).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("TPCOLD");
    }

    @Test
    void aWholeSnapshotStillSavesVersionOneAndLeavesNothingAbsent() throws Exception {
        byte[] whole = MachineSnapshot.save(saved(), ID);
        assertThat(MachineSnapshot.header(whole).sections().get(1).version()).isEqualTo(1);
        assertThat(MachineSnapshot.header(split(saved()).first()).sections().get(1).version()).isEqualTo(2);
        Machine resumed = fresh();
        MachineSnapshot.restore(resumed, whole, ID);
        assertThat(resumed.ram().absentPages()).isZero();
    }
}
