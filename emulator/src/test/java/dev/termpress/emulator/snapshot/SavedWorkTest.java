package dev.termpress.emulator.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A reader's files, saved on top of a boot snapshot and brought back into a machine resumed from it. */
class SavedWorkTest {

    private static final long COMMAND_BUDGET = 300_000_000L;
    private static final String BASE = "sha256:boot-snapshot-under-test";
    /** Files the reader makes, changes and deletes, in the image and beside it. */
    private static final String WORK = "mkdir -p /work/src && echo kept > /work/src/a.txt && ln -s a.txt /work/src/link"
            + " && chmod 600 /work/src/a.txt && rm /usr/share/doc/busybox-static/copyright"
            + " && echo changed >> /etc/group && dd if=/dev/zero of=/work/big bs=1k count=300 2>/dev/null"
            + " && echo saved-$((1+1))\n";
    /** The guest's caches are dropped first: a resumed guest knows the names it looked up before the snapshot. */
    private static final String CHECK = "echo 3 > /proc/sys/vm/drop_caches; cat /work/src/link; stat -c %a /work/src/a.txt;"
            + " ls /usr/share/doc/busybox-static | wc -l; tail -n 1 /etc/group; wc -c < /work/big;"
            + " echo more > /work/src/b && cat /work/src/b; echo checked-$((2+1))\n";

    private static byte[] snapshot;

    @BeforeAll
    static void bootOnce() throws Exception {
        snapshot = MachineSnapshot.save(BusyboxGuest.bootedToPrompt().machine, BusyboxGuest.IDENTITY);
    }

    private static BusyboxGuest resumed(byte[] files) throws Exception {
        BusyboxGuest guest = new BusyboxGuest(BusyboxGuest.deterministic());
        if (files != null) {
            guest.ninep.server().restoreFilesOnResume(files);
        }
        MachineSnapshot.restore(guest.machine, snapshot, BusyboxGuest.IDENTITY);
        return guest;
    }

    private static byte[] workSavedFromAResumedMachine() throws Exception {
        BusyboxGuest reader = resumed(null);
        reader.type(WORK);
        reader.runUntil("saved-2\r\n", COMMAND_BUDGET);
        return SavedWork.wrap(BASE, reader.ninep.server().saveFiles());
    }

    @Test
    void theFilesComeBackInAMachineResumedFromTheSameSnapshot() throws Exception {
        byte[] saved = workSavedFromAResumedMachine();

        BusyboxGuest next = resumed(SavedWork.unwrap(saved, BASE));
        next.type(CHECK);
        String answer = next.runUntil("checked-3\r\n", COMMAND_BUDGET);
        assertThat(answer).contains("kept\r\n600\r\n0\r\nchanged\r\n307200\r\nmore\r\n");

        BusyboxGuest pristine = resumed(null);
        pristine.type(CHECK);
        assertThat(pristine.runUntil("checked-3\r\n", COMMAND_BUDGET)).as("without the saved work")
                .contains("No such file").doesNotContain("kept\r\n");
    }

    @Test
    void savedWorkIsRefusedOnAnotherSnapshotAndWhenDamaged() throws Exception {
        byte[] saved = SavedWork.wrap(BASE, new byte[] {1, 2, 3});
        assertThat(SavedWork.unwrap(saved, BASE)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> SavedWork.unwrap(saved, "sha256:another")).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("saved on top of boot snapshot " + BASE);
        for (int i = 0; i < saved.length; i++) {
            byte[] damaged = saved.clone();
            damaged[i] ^= 0x10;
            assertThatThrownBy(() -> SavedWork.unwrap(damaged, BASE)).as("byte %d flipped", i)
                    .isInstanceOf(SnapshotException.class);
        }
        for (int length = 0; length < saved.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(saved, length);
            assertThatThrownBy(() -> SavedWork.unwrap(truncated, BASE)).as("%d bytes", length)
                    .isInstanceOf(SnapshotException.class);
        }
    }

    @Test
    void filesOfAnotherImageFailTheRestoreCleanly() throws Exception {
        byte[] files = SavedWork.unwrap(workSavedFromAResumedMachine(), BASE);
        files[0] ^= 1; // the number of entries the image's layers merge into, as another image has
        BusyboxGuest guest = new BusyboxGuest(BusyboxGuest.deterministic());
        guest.ninep.server().restoreFilesOnResume(files);
        assertThatThrownBy(() -> MachineSnapshot.restore(guest.machine, snapshot, BusyboxGuest.IDENTITY))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("another image");
    }
}
