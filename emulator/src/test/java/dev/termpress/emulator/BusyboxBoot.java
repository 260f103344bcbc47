package dev.termpress.emulator;

/** Boots busybox (as {@link BusyboxShellTest} does, through {@link BusyboxGuest}) for tests in other packages. */
public final class BusyboxBoot {

    private BusyboxBoot() {
    }

    /** Boots to the shell, types {@code command}, runs until {@code expected}; returns the console. */
    public static String bootToPromptAndRun(String command, String expected) throws Exception {
        BusyboxGuest guest = BusyboxGuest.boot(null, "");
        guest.runUntil(" # ", 400_000_000L);
        guest.type(command);
        guest.runUntil(expected, 200_000_000L);
        return guest.text();
    }
}
