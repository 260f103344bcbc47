package dev.termpress.generator.cli;

/** Calls back on SIGWINCH where the JVM lets us (HotSpot on Unix); elsewhere the size stays as at start. */
final class WindowChanges {

    private WindowChanges() {}

    @SuppressWarnings("removal")
    static void watch(Runnable onChange) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> onChange.run());
        } catch (IllegalArgumentException | LinkageError e) {
            // No such signal here: resizing just is not followed.
        }
    }
}
