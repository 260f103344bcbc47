package dev.termpress.emulator.host;

/** Random bytes for the guest's entropy device; the host decides where they come from. */
public interface EntropySource {

    /** Fills {@code buffer[offset, offset + length)} with random bytes; must not block. */
    void fill(byte[] buffer, int offset, int length);
}
