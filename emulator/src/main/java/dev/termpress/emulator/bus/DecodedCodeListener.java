package dev.termpress.emulator.bus;

/**
 * Told about writes into RAM pages that hold decoded instructions, and about pages that stop
 * holding them, so code translated from those pages can be dropped (the decode cache itself is
 * invalidated by {@link Ram} directly). Only a translating CPU on the JVM installs one.
 */
public interface DecodedCodeListener {

    /** {@code length} bytes at RAM offset {@code offset} (within one page) are being written. */
    void written(int offset, int length);

    /** RAM page {@code page} (offset from {@link Ram#BASE} over 4 KiB) lost its decode-cache slot. */
    void evicted(int page);
}
