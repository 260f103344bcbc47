package dev.termpress.emulator.snapshot;

/**
 * A snapshot cannot be written or resumed: damaged or truncated bytes, a version this emulator does
 * not read, or a machine, kernel or image that differs from the one saved. The message names what did
 * not match; hosts log it and fall back to a cold boot.
 */
public final class SnapshotException extends Exception {

    private static final long serialVersionUID = 1L;

    public SnapshotException(String message) {
        super(message);
    }
}
