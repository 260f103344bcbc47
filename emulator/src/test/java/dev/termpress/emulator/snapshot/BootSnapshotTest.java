package dev.termpress.emulator.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.host.WallClock;
import java.io.ByteArrayOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The whole machine through a snapshot: boot busybox on the deterministic clock to a prompt, save,
 * resume in a fresh machine over a fresh tree of the same image, and see both answer alike.
 */
class BootSnapshotTest {

    private static final long COMMAND_BUDGET = 200_000_000L;
    /** /tmp is the guest's tmpfs (guest RAM); /etc is the 9P root (the server's upper layer). */
    private static final String BEFORE = "cd /tmp && V=kept-$((6*7)) && echo written-before > /tmp/before"
            + " && echo on-9p-before > /etc/before && mkdir /etc/made && echo ready\n";
    /** Dropping the guest's caches makes it read /etc/before through the restored 9P server. */
    private static final String AFTER = "echo 3 > /proc/sys/vm/drop_caches; echo var=$V; pwd; cat /tmp/before /etc/before;"
            + " echo new > /etc/made/after; cat /etc/made/after; ls /etc /tmp; uname -m; echo end-$((1+1))\n";

    @Test
    void aResumedMachineAnswersAsTheOriginalDoes() throws Exception {
        BusyboxGuest original = BusyboxGuest.bootedToPrompt();
        original.type(BEFORE);
        original.runUntil("ready\r\n", COMMAND_BUDGET);
        byte[] snapshot = MachineSnapshot.save(original.machine, BusyboxGuest.IDENTITY);

        BusyboxGuest resumed = new BusyboxGuest(BusyboxGuest.deterministic());
        MachineSnapshot.restore(resumed.machine, snapshot, BusyboxGuest.IDENTITY);
        assertThat(MachineSnapshot.save(resumed.machine, BusyboxGuest.IDENTITY))
                .as("the restored state saves to the same bytes").isEqualTo(snapshot);

        original.type(AFTER);
        resumed.type(AFTER);
        String expected = original.runUntil("end-2\r\n", COMMAND_BUDGET);
        String actual = resumed.runUntil("end-2\r\n", COMMAND_BUDGET);
        assertThat(actual).isEqualTo(expected)
                .contains("var=kept-42").contains("\r\n/tmp\r\n").contains("written-before").contains("on-9p-before")
                .contains("new\r\n").contains("made")
                .contains("riscv64");
        report(snapshot, original);
    }

    @Test
    void twoSnapshotsOfTheSameDeterministicBootAreByteIdentical() throws Exception {
        byte[] first = MachineSnapshot.save(BusyboxGuest.bootedToPrompt().machine, BusyboxGuest.IDENTITY);
        byte[] second = MachineSnapshot.save(BusyboxGuest.bootedToPrompt().machine, BusyboxGuest.IDENTITY);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aSnapshotFromTheDeterministicClockResumesOnAWallClock() throws Exception {
        BusyboxGuest original = BusyboxGuest.bootedToPrompt();
        byte[] snapshot = MachineSnapshot.save(original.machine, BusyboxGuest.IDENTITY);
        long ticksAtSave = original.machine.cpu().csr(dev.termpress.emulator.cpu.Csr.TIME);

        BusyboxGuest resumed = new BusyboxGuest(BusyboxGuest.deterministic().withClock(new WallClock()));
        MachineSnapshot.restore(resumed.machine, snapshot, BusyboxGuest.IDENTITY);
        assertThat(resumed.machine.cpu().csr(dev.termpress.emulator.cpu.Csr.TIME))
                .as("time continues from the saved tick count").isBetween(ticksAtSave, ticksAtSave + 10_000_000L);
        resumed.type("sleep 0.2; echo woke-$((2*3))\n");
        resumed.runUntil("woke-6", COMMAND_BUDGET);
    }

    private static void report(byte[] snapshot, BusyboxGuest guest) throws Exception {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(snapshot);
        }
        StringBuilder sections = new StringBuilder();
        for (SnapshotHeader.Section section : MachineSnapshot.header(snapshot).sections()) {
            sections.append(' ').append(section.name()).append('=').append(section.bytes());
        }
        System.out.printf("busybox snapshot at the prompt: %d bytes raw, %d non-zero RAM pages of %d, %d bytes gzipped;"
                + " sections:%s%n", snapshot.length, new RamPages(guest.machine.ram()).nonZeroPages(),
                guest.machine.ram().size() >> 12, gzipped.size(), sections);
    }
}
