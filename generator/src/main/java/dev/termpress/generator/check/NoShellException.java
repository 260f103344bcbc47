package dev.termpress.generator.check;

/** A demo block's shell could not be started; the message is the reason shown against the block. */
public final class NoShellException extends Exception {

    private static final long serialVersionUID = 1L;

    public NoShellException(String reason) {
        super(reason);
    }
}
