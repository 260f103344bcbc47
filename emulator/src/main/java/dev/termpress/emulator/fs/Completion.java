package dev.termpress.emulator.fs;

/** Receives the outcome of an operation that may have to wait for layer bytes (a copy-up). */
public interface Completion {

    /** Called once: 0 on success, otherwise the Linux errno. */
    void done(int errno);
}
