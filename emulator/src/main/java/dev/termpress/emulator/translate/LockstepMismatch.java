package dev.termpress.emulator.translate;

/** Lockstep mode found translated code that disagrees with the interpreter (a translator bug). */
public final class LockstepMismatch extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    LockstepMismatch(String message) {
        super(message);
    }
}
