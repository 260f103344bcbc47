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

    /**
     * Whether this back end's units may be entered at any instruction of the block, not only at its
     * {@link Block#entries}.
     */
    default boolean entersAnyInstruction() {
        return false;
    }

    /**
     * Called when {@code code} becomes the unit of RAM page {@code ramPage} (a back end that
     * dispatches by page, like the WebAssembly one, fills its table slot here).
     */
    default void installed(CompiledBlock code, int ramPage) {
    }

    /**
     * Called when {@code code} stops being the unit of RAM page {@code ramPage}: dropped by a write
     * or an eviction, left to the interpreter, or replaced by a newer unit ({@link #installed} follows).
     */
    default void released(CompiledBlock code, int ramPage) {
    }
}
