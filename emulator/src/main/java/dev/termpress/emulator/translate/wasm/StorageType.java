package dev.termpress.emulator.translate.wasm;

/** A field's or array element's storage type (GC spec): a value type or a packed i8/i16. */
public record StorageType(int packedCode, ValueType valueType) {
    public static final StorageType I8 = new StorageType(0x78, null);
    public static final StorageType I16 = new StorageType(0x77, null);

    public static StorageType of(ValueType type) {
        return new StorageType(0, type);
    }

    void writeTo(WasmBytes out) {
        if (valueType == null) {
            out.u8(packedCode);
        } else {
            valueType.writeTo(out);
        }
    }
}
