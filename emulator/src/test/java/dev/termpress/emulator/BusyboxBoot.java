package dev.termpress.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Boots busybox (as {@link BusyboxShellTest} does) for tests in other packages. */
public final class BusyboxBoot {

    private BusyboxBoot() {
    }

    /** Boots to the shell, types {@code command}, runs until {@code expected}; returns the console. */
    public static String bootToPromptAndRun(String command, String expected) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = BusyboxShellTest.bootBusybox(MachineConfig.deterministic(console::write));
        BusyboxShellTest.runUntil(machine, console, " # ", 400_000_000L);
        BusyboxShellTest.type(machine, command);
        BusyboxShellTest.runUntil(machine, console, expected, 200_000_000L);
        return console.toString(StandardCharsets.UTF_8);
    }
}
