package dev.termpress.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.Inode;
import dev.termpress.emulator.guest.GuestFile;
import dev.termpress.emulator.guest.GuestFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Page files written at init's ready marker, where a boot snapshot is taken: the guest must not have looked up
 * (and so cached, with {@code cache=loose}) any name a page file may use, and it must read the files.
 */
class PageFilesBootTest {

    private static final long BUDGET = 400_000_000L;
    private static final long SLICE = 1_000_000L;

    /** Boots to the snapshot point, recording every name the guest looks up on the 9P root until then. */
    private static BusyboxGuest bootToReady(List<String> lookups) throws Exception {
        BusyboxGuest guest = BusyboxGuest.boot(null, "");
        guest.fs.observeLookups((dir, name) -> lookups.add((dir == guest.fs.root() ? "/" : "(below /)") + name));
        long executed = 0;
        while (!guest.handshake.readySeen() && executed < BUDGET && !guest.machine.halted()) {
            executed += guest.machine.run(SLICE); // not handshake.run: it would answer at once
        }
        assertThat(guest.handshake.readySeen()).as("init's ready marker after %d instructions", executed).isTrue();
        return guest;
    }

    @Test
    void beforeTheSnapshotTheGuestLooksUpOnlyTheRootsMountPoints() throws Exception {
        List<String> lookups = new ArrayList<>();
        bootToReady(lookups);
        List<String> allowed = GuestFiles.MOUNTED.stream().map(name -> "/" + name).toList();
        assertThat(lookups).as("names the guest may hold cached at the snapshot").isNotEmpty().allSatisfy(
                name -> assertThat(allowed).as("a name page files may not use").contains(name));
    }

    @Test
    void filesWrittenAtTheSnapshotPointAreReadByTheShell() throws Exception {
        BusyboxGuest guest = bootToReady(new ArrayList<>());
        GuestFiles.install(guest.fs, List.of(
                new GuestFile("/workspace/app.py", "print('page')\n".getBytes(StandardCharsets.UTF_8), 0644),
                new GuestFile("/workspace/bin/run.sh", "#!/bin/sh\necho ran\n".getBytes(StandardCharsets.UTF_8), 0755),
                new GuestFile("/etc/passwd", "root:x:0:0:page root:/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0644)));
        guest.runUntil(" # ", BUDGET);

        assertThat(guest.command("cat /workspace/app.py", BUDGET)).contains("print('page')\r\n");
        assertThat(guest.command("/workspace/bin/run.sh", BUDGET)).contains("ran\r\n");
        assertThat(guest.command("ls -ld /workspace /workspace/bin/run.sh", BUDGET))
                .contains("drwxr-xr-x").contains("-rwxr-xr-x");
        assertThat(guest.command("cat /etc/passwd", BUDGET)).as("an image file replaced").contains("page root")
                .doesNotContain("daemon");
    }

    @Test
    void aPathBelowAFileInTheImageIsRefusedByName() throws Exception {
        BusyboxGuest guest = bootToReady(new ArrayList<>());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GuestFiles.install(guest.fs,
                        List.of(new GuestFile("/etc/passwd/x", new byte[1], 0644))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot write /etc/passwd/x into the image: a parent in the image is not a directory");
    }

    @Test
    void pathsOutsideTheWritableLayerAreRefused() {
        assertThat(GuestFiles.pathProblem("/workspace/app.py")).isNull();
        assertThat(GuestFiles.pathProblem("/tmp/x")).contains("/tmp is a mount point");
        assertThat(GuestFiles.pathProblem("/.termpress/init.conf")).contains("termpress-init's own directory");
        assertThat(GuestFiles.pathProblem("/a//b")).contains("empty component");
        assertThat(GuestFiles.pathProblem("/a/")).contains("empty component");
        assertThat(GuestFiles.pathProblem("/a/./b")).contains("contains '.'");
        assertThat(GuestFiles.pathProblem("a")).contains("not an absolute path");
        assertThat(GuestFiles.pathProblem("/")).contains("is a directory");
        assertThat(GuestFiles.pathProblem("/etc/resolv.conf")).contains("written by termpress-init");
        assertThat(GuestFiles.pathProblem("/devices/x")).as("only the mount point itself, not a prefix").isNull();
    }
}
