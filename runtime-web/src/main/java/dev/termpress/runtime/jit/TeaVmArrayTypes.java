package dev.termpress.runtime.jit;

import dev.termpress.emulator.translate.wasm.FunctionBody;
import dev.termpress.emulator.translate.wasm.Opcodes;
import dev.termpress.emulator.translate.wasm.StorageType;
import dev.termpress.emulator.translate.wasm.ValueType;
import dev.termpress.emulator.translate.wasm.WasmModule;
import java.util.Arrays;
import java.util.List;

/**
 * Finds how a TeaVM WebAssembly GC module represents Java {@code int[]} and {@code long[]}, and builds
 * the module that opens them for generated code. TeaVM 0.15 makes a Java array a struct {@code
 * (sub $Object (struct vtable monitor (mut (ref $data))))} whose data is an {@code (array (mut i32))}
 * or {@code (array (mut i64))} of its own recursion group; the struct sits in the tree of TeaVM's class
 * types. WebAssembly has no type imports, but types are canonical by structure: a module whose type
 * section starts with the same entries as TeaVM's has TeaVM's very types. {@link #unwrapModule} copies
 * TeaVM's type section up to the two array structs and exports {@code ints(anyref)} and {@code
 * longs(anyref)}, which cast a Java array to its struct and return the data array, so that generated
 * code indexes the interpreter's own RAM and registers.
 */
public final class TeaVmArrayTypes {
    private static final int SECTION_TYPE = 1;
    private static final int REC = 0x4E;
    private static final int SUB = 0x50;
    private static final int SUB_FINAL = 0x4F;
    private static final int ARRAY = 0x5E;
    private static final int STRUCT = 0x5F;
    private static final int FUNC = 0x60;
    private static final int REF = 0x64;
    private static final int REF_NULL = 0x63;
    private static final int I32 = 0x7F;
    private static final int I64 = 0x7E;

    private final byte[] module;
    private int pos;
    /** Per type index: 0, or I32/I64 when it is an {@code (array (mut i32/i64))}. */
    private int[] arrayElement = new int[256];
    private int intArrayStruct = -1;
    private int longArrayStruct = -1;
    /** The end of the type-section entry that holds the later of the two structs, and the entry counts. */
    private int prefixStart;
    private int prefixEnd;
    private int prefixEntries;
    private int prefixTypes;

    private TeaVmArrayTypes(byte[] module) {
        this.module = module;
    }

    /** Reads {@code teavmModule}'s type section; fails with a clear message when the layout is not found. */
    public static TeaVmArrayTypes of(byte[] teavmModule) {
        TeaVmArrayTypes t = new TeaVmArrayTypes(teavmModule);
        t.read();
        return t;
    }

    /** The type index of TeaVM's struct for {@code int[]}. */
    public int intArrayStruct() {
        return intArrayStruct;
    }

    /** The type index of TeaVM's struct for {@code long[]}. */
    public int longArrayStruct() {
        return longArrayStruct;
    }

    /**
     * A module exporting {@code ints(anyref) -> (ref null (array (mut i32)))} and {@code longs(anyref) ->
     * (ref null (array (mut i64)))}: the data arrays of a TeaVM {@code int[]} and {@code long[]}.
     */
    public byte[] unwrapModule() {
        WasmModule m = new WasmModule();
        m.addTypeEntries(Arrays.copyOfRange(module, prefixStart, prefixEnd), prefixEntries, prefixTypes);
        int ints = m.addArrayType(StorageType.of(ValueType.I32), true);
        int longs = m.addArrayType(StorageType.of(ValueType.I64), true);
        int intsType = m.addFunctionType(List.of(ValueType.ANYREF), List.of(ValueType.refNull(ints)));
        int longsType = m.addFunctionType(List.of(ValueType.ANYREF), List.of(ValueType.refNull(longs)));
        int intsFn = m.nextFunctionIndex();
        unwrap(m.addFunction(intsType), intArrayStruct);
        int longsFn = m.nextFunctionIndex();
        unwrap(m.addFunction(longsType), longArrayStruct);
        m.exportFunction("ints", intsFn);
        m.exportFunction("longs", longsFn);
        return m.toBytes();
    }

    private static void unwrap(FunctionBody f, int struct) {
        f.localGet(0).refCast(struct, true).gc(Opcodes.STRUCT_GET, struct, 2).finish();
    }

    private void read() {
        pos = 8;
        while (pos < module.length) {
            int id = module[pos++] & 0xFF;
            int size = (int) unsigned();
            if (id == SECTION_TYPE) {
                readTypes(pos + size);
                return;
            }
            pos += size;
        }
        throw new IllegalArgumentException("the module has no type section");
    }

    private void readTypes(int end) {
        int entries = (int) unsigned();
        prefixStart = pos;
        int typeIndex = 0;
        for (int e = 0; e < entries && pos < end; e++) {
            if ((module[pos] & 0xFF) == REC) {
                pos++;
                int n = (int) unsigned();
                for (int i = 0; i < n; i++) {
                    subType(typeIndex++);
                }
            } else {
                subType(typeIndex++);
            }
            if (intArrayStruct >= 0 && longArrayStruct >= 0) {
                prefixEnd = pos;
                prefixEntries = e + 1;
                prefixTypes = typeIndex;
                return;
            }
        }
        throw new IllegalArgumentException("no Java int[] and long[] struct types in the module's " + typeIndex
                + " types: not the TeaVM WebAssembly GC layout this was written for");
    }

    private void subType(int index) {
        int b = module[pos] & 0xFF;
        boolean sub = b == SUB || b == SUB_FINAL;
        if (sub) {
            pos++;
            int supers = (int) unsigned();
            for (int i = 0; i < supers; i++) {
                unsigned();
            }
        }
        int kind = module[pos++] & 0xFF;
        if (index >= arrayElement.length) {
            arrayElement = Arrays.copyOf(arrayElement, arrayElement.length * 2);
        }
        if (kind == ARRAY) {
            int element = module[pos] & 0xFF;
            valueType();
            boolean mutable = module[pos++] != 0;
            if (mutable && (element == I32 || element == I64)) {
                arrayElement[index] = element;
            }
        } else if (kind == STRUCT) {
            int fields = (int) unsigned();
            int lastRefTarget = -1;
            for (int i = 0; i < fields; i++) {
                lastRefTarget = (module[pos] & 0xFF) == REF ? peekHeapIndex() : -1;
                valueType();
                pos++; // mutability
            }
            // A Java array: Object's two fields, then a non-null reference to the data array.
            if (sub && fields == 3 && lastRefTarget >= 0 && lastRefTarget < index) {
                if (arrayElement[lastRefTarget] == I32 && intArrayStruct < 0) {
                    intArrayStruct = index;
                } else if (arrayElement[lastRefTarget] == I64 && longArrayStruct < 0) {
                    longArrayStruct = index;
                }
            }
        } else if (kind == FUNC) {
            for (int v = 0; v < 2; v++) {
                int n = (int) unsigned();
                for (int i = 0; i < n; i++) {
                    valueType();
                }
            }
        } else {
            throw new IllegalArgumentException("unknown composite type 0x" + Integer.toHexString(kind) + " at byte " + pos);
        }
    }

    private int peekHeapIndex() {
        int saved = pos;
        pos++;
        long heap = signed();
        pos = saved;
        return heap >= 0 ? (int) heap : -1;
    }

    private void valueType() {
        int b = module[pos++] & 0xFF;
        if (b == REF || b == REF_NULL) {
            signed(); // heap type, s33
        }
    }

    private long unsigned() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = module[pos++] & 0xFF;
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    private long signed() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = module[pos++] & 0xFF;
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }
}
