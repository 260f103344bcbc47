package dev.termpress.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.guest.InitHandshake;
import org.junit.jupiter.api.Test;

/**
 * Boots the committed kernel with the example busybox image as its 9p root filesystem, on the
 * deterministic clock, and talks to the shell through the virtio console.
 */
class BusyboxShellTest {

    private static final long BOOT_BUDGET = 400_000_000L;
    private static final long COMMAND_BUDGET = 200_000_000L;

    @Test
    void shellAnswersCommands() throws Exception {
        BusyboxGuest guest = BusyboxGuest.boot(null, "");
        // Typed before hvc0 exists: held by the handshake, then it must reach the shell, echoed.
        guest.type("echo typed-ahead-$((40+2))\n");

        guest.runUntil("typed-ahead-42", BOOT_BUDGET);
        assertThat(guest.text()).contains("echo typed-ahead-$((40+2))");
        guest.type("uname -m; echo answer-$((6*7))\n");
        guest.runUntil("answer-42", COMMAND_BUDGET);
        guest.type("echo hello > /tmp/f && cat /tmp/f && ls /bin/busybox\n");
        guest.runUntil("/bin/busybox\r\n", COMMAND_BUDGET);

        // The console is the shell's controlling tty: Ctrl-C reaches a foreground program as SIGINT.
        guest.type("cat\n");
        guest.runUntil("cat\r\n", COMMAND_BUDGET);
        guest.type("\u0003");
        guest.runUntil(" # ", COMMAND_BUDGET); // SIGINT flushes typed-ahead input: wait
        guest.type("echo status-$?\n");
        guest.runUntil("status-130", COMMAND_BUDGET);

        assertThat(guest.text()).contains("termpress-init: starting").contains("riscv64").contains("hello");
        guest.type("exit\n");
        guest.runUntil("powering off", COMMAND_BUDGET);
    }

    @Test
    void aQuietBootShowsOnlyTheShellAndTheClockStartsAtTheHostsDate() throws Exception {
        BusyboxGuest guest = BusyboxGuest.boot("console=hvc0 quiet", "");
        guest.type("date -u +%Y-%m-%d\n");
        guest.runUntil("2024-01-01\r\n", BOOT_BUDGET); // InstructionClock.BOOT_UNIX_NANOS, via init.conf's realtime

        String beforeCommand = guest.text();
        beforeCommand = beforeCommand.substring(0, beforeCommand.indexOf("date -u"));
        assertThat(beforeCommand).doesNotContain("termpress-init").doesNotContain("Linux version")
                .doesNotContain("\033]");
    }

    @Test
    void initAnnouncesItWaitsAndStartsOnlyAfterTheGoMessage() throws Exception {
        BusyboxGuest guest = BusyboxGuest.boot("console=hvc0 quiet", "hostname handshake-test\n");
        guest.type("hostname\n");
        guest.runUntil("handshake-test\r\n", BOOT_BUDGET);

        String raw = guest.raw.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        int ready = raw.indexOf(InitHandshake.READY_MARKER);
        int started = raw.indexOf(InitHandshake.STARTED_MARKER);
        assertThat(ready).as("ready marker").isGreaterThanOrEqualTo(0);
        assertThat(started).as("started marker after the ready marker").isGreaterThan(ready);
        assertThat(guest.text()).doesNotContain("termpress-ready").doesNotContain("termpress-started");
    }
}
