package dev.termpress.runtime.jit;

/**
 * How a generated module reaches guest RAM and the register file (docs/architecture.md, "WebAssembly
 * back end"): the options the spike measures.
 */
public enum RamAccess {
    /**
     * RAM and registers are the TeaVM program's own GC arrays ({@code (array (mut i32))},
     * {@code (array (mut i64))}), passed to the generated function as references: the generated module
     * declares the same array types, which WebAssembly GC canonicalizes across modules.
     */
    GC_ARRAYS,
    /** RAM and registers in a {@code WebAssembly.Memory} the generated module imports as "env" "ram". */
    LINEAR_MEMORY,
    /** Every load, store and register access is a call to a function the generated module imports. */
    ACCESSORS
}
