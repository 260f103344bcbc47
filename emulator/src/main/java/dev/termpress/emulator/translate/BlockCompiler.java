package dev.termpress.emulator.translate;

/** A back end: turns an IR block into runnable host code. */
public interface BlockCompiler {

    /** Compiles {@code block}; null if this back end cannot. */
    CompiledBlock compile(Block block);
}
