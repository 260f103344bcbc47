package dev.termpress.emulator.fs;

/** Receives the result of {@link ImageFileSystem#read}, now or later. Exactly one method is called, once. */
public interface ReadCallback {

    /** The bytes read (fewer than asked at the end of the file); {@code data} is only valid during the call. */
    void data(byte[] data, int offset, int length);

    /** The read failed with a Linux errno (EIO when a layer cannot be fetched). */
    void failed(int errno);
}
