package dev.termpress.emulator.loader;

/** A file given to {@link ElfLoader} is not a loadable RISC-V executable; the message says why. */
public final class ElfException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the file and what would be valid. */
    public ElfException(String message) {
        super(message);
    }
}
