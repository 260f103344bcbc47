package dev.termpress.emulator.fs;

/** A layer tar, a layer index or a layer stack that cannot be used, with a message naming what and where. */
public final class ImageFormatException extends Exception {

    /** An error whose message says which entry or byte is wrong and what would be valid. */
    public ImageFormatException(String message) {
        super(message);
    }
}
