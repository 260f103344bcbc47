package dev.termpress.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.host.InstructionClock;
import org.junit.jupiter.api.Test;

/**
 * The writable layer's limit as a shell sees it, on the busybox image with a small limit: dd past it
 * fails at once with ENOSPC, statfs and df report the limit and the use, and rm gives the space back.
 */
class WritableLayerLimitTest {

    private static final long LIMIT = 8L << 20;
    private static final long BOOT_BUDGET = 400_000_000L;
    /** Far fewer instructions than writing 300 MB would take: the dd must stop at the limit. */
    private static final long DD_BUDGET = 1_500_000_000L;
    private static final long COMMAND_BUDGET = 300_000_000L;

    @Test
    void ddPastTheLimitFailsWithEnospcAndRmGivesTheSpaceBack() throws Exception {
        BusyboxGuest guest = BusyboxGuest.boot("console=hvc0 quiet", "", () -> InstructionClock.BOOT_UNIX_NANOS, null,
                LIMIT);
        guest.type("echo booted-$((1+1))\n");
        guest.runUntil("booted-2", BOOT_BUDGET);

        assertThat(guest.command("stat -f -c 'blocks=%b size=%S' /", COMMAND_BUDGET))
                .contains("blocks=" + LIMIT / 4096 + " size=4096");
        // busybox df skips a filesystem named "rootfs", which the 9p root's mount tag once was.
        assertThat(dfRoot(guest)).startsWith("termpress " + LIMIT / 1024 + " ");

        String dd = guest.command("dd if=/dev/zero of=/big bs=1M count=300; echo dd-status=$?", DD_BUDGET);
        assertThat(dd).contains("No space left on device").contains("dd-status=1");
        assertThat(guest.fs.upperBytes()).isLessThanOrEqualTo(LIMIT);
        long bigBytes = number(guest, "stat -c 'bytes=%s' /big", "bytes=");
        assertThat(bigBytes).isBetween(LIMIT - (1L << 20), LIMIT);
        assertThat(freeBlocks(guest)).isLessThan(512 * 1024 / 4096);

        String[] full = dfRoot(guest).split(" +");
        assertThat(Long.parseLong(full[2])).as("df's used KiB").isGreaterThan((LIMIT - (1L << 20)) / 1024);

        assertThat(guest.command("rm /big && sync && echo removed", COMMAND_BUDGET)).contains("removed");
        String[] freed = dfRoot(guest).split(" +");
        assertThat(Long.parseLong(freed[2])).as("df's used KiB after rm").isLessThan(256);
        assertThat(freeBlocks(guest)).isGreaterThan((LIMIT - (256 << 10)) / 4096);
        assertThat(guest.command("dd if=/dev/zero of=/again bs=1M count=4 && sync && echo again-ok", DD_BUDGET))
                .contains("again-ok").doesNotContain("No space");
    }

    /** df's line for / ("Filesystem 1K-blocks Used Available Use% Mounted"), with the spacing squeezed. */
    private static String dfRoot(BusyboxGuest guest) {
        String out = guest.command("df -k / | tr -s ' ' | sed -n 's/^/df: /;2p'", COMMAND_BUDGET);
        return out.substring(out.lastIndexOf("df: ") + 4).trim();
    }

    private static long freeBlocks(BusyboxGuest guest) {
        return number(guest, "stat -f -c 'free=%f' /", "free=");
    }

    /** The number after the last {@code label} in the command's output (the echoed command line comes first). */
    private static long number(BusyboxGuest guest, String command, String label) {
        String out = guest.command(command, COMMAND_BUDGET);
        return Long.parseLong(out.substring(out.lastIndexOf(label) + label.length()).trim());
    }
}
