package dev.termpress.emulator.translate.wasm;

/**
 * A value type (spec §5.3.3-5.3.5): a number type, an abstract reference type, or a reference to a
 * type of the module ({@code (ref $t)} / {@code (ref null $t)}, WebAssembly GC).
 */
public record ValueType(int code, int typeIndex) {
    public static final ValueType I32 = new ValueType(0x7F, -1);
    public static final ValueType I64 = new ValueType(0x7E, -1);
    public static final ValueType F32 = new ValueType(0x7D, -1);
    public static final ValueType F64 = new ValueType(0x7C, -1);
    public static final ValueType FUNCREF = new ValueType(0x70, -1);
    public static final ValueType EXTERNREF = new ValueType(0x6F, -1);
    public static final ValueType ANYREF = new ValueType(0x6E, -1);
    public static final ValueType EQREF = new ValueType(0x6D, -1);

    private static final int REF = 0x64;
    private static final int REF_NULL = 0x63;

    /** {@code (ref $typeIndex)}: never null. */
    public static ValueType ref(int typeIndex) {
        return new ValueType(REF, checkIndex(typeIndex));
    }

    /** {@code (ref null $typeIndex)}. */
    public static ValueType refNull(int typeIndex) {
        return new ValueType(REF_NULL, checkIndex(typeIndex));
    }

    void writeTo(WasmBytes out) {
        out.u8(code);
        if (typeIndex >= 0) {
            out.signed(typeIndex); // a heap type is an s33; type indices are its non-negative half
        }
    }

    private static int checkIndex(int typeIndex) {
        if (typeIndex < 0) {
            throw new IllegalArgumentException("type index must not be negative: " + typeIndex);
        }
        return typeIndex;
    }
}
