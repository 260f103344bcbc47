package dev.termpress.emulator.translate;

/** A back end: turns an IR block (a page's hot code) into runnable host code. */
public interface BlockCompiler {

    /** Compiles {@code block}; null if this back end cannot (too big, for one). */
    CompiledBlock compile(Block block);

    /**
     * Whether units from this back end may be shared through the process-wide cache (a correct
     * back end's are: they depend only on the code bytes).
     */
    default boolean shareable() {
        return false;
    }
}
