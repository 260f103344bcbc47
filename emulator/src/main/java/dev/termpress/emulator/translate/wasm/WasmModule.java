package dev.termpress.emulator.translate.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * A WebAssembly module built in memory and written in the binary format (spec §5.5): types (function
 * types, and GC array and struct types, each its own recursion group), imports of functions and
 * memories, functions with their bodies, a memory, and exports. Imports must be added before the
 * module's own functions, since they come first in the function index space.
 */
public final class WasmModule {
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    private static final int SECTION_TYPE = 1;
    private static final int SECTION_IMPORT = 2;
    private static final int SECTION_FUNCTION = 3;
    private static final int SECTION_TABLE = 4;
    private static final int SECTION_MEMORY = 5;
    private static final int SECTION_EXPORT = 7;
    private static final int SECTION_CODE = 10;

    private static final int TYPE_FUNC = 0x60;
    private static final int TYPE_STRUCT = 0x5F;
    private static final int TYPE_ARRAY = 0x5E;

    /** Import and export kinds (§5.5.5, §5.5.10). */
    private static final int KIND_FUNC = 0x00;
    private static final int KIND_TABLE = 0x01;
    private static final int KIND_MEMORY = 0x02;

    private final List<WasmBytes> types = new ArrayList<>();
    private int typeCount;
    /** Entries beyond one that the first element of {@link #types} holds (copied entries). */
    private int extraEntries;
    private final List<FunctionType> functionTypes = new ArrayList<>();
    private final WasmBytes imports = new WasmBytes();
    private int importCount;
    private int importedFunctions;
    private int importedMemories;
    private final List<Integer> functionTypeIndices = new ArrayList<>();
    private final List<FunctionBody> bodies = new ArrayList<>();
    private final WasmBytes tables = new WasmBytes();
    private int tableCount;
    private final WasmBytes memories = new WasmBytes();
    private int memoryCount;
    private final WasmBytes exports = new WasmBytes();
    private int exportCount;

    /** A function type's parameters and results, kept to size function bodies. */
    private record FunctionType(int index, int parameterCount) {
    }

    /**
     * Starts the type section with entries copied from another module ({@code entries} recursion
     * groups or single types holding {@code typeCount} types, as that module's type section has them):
     * WebAssembly GC canonicalizes types structurally, so these are the other module's very types and
     * references to them pass between the two modules.
     */
    public void addTypeEntries(byte[] bytes, int entries, int typeCount) {
        if (!types.isEmpty()) {
            throw new IllegalStateException("copied type entries go first");
        }
        WasmBytes raw = new WasmBytes().raw(bytes, 0, bytes.length);
        types.add(raw);
        extraEntries = entries - 1;
        this.typeCount = typeCount;
    }

    /** Adds {@code (func (param ...) (result ...))} and returns its type index. */
    public int addFunctionType(List<ValueType> params, List<ValueType> results) {
        WasmBytes t = new WasmBytes().u8(TYPE_FUNC);
        writeVector(t, params);
        writeVector(t, results);
        int index = addType(t);
        functionTypes.add(new FunctionType(index, params.size()));
        return index;
    }

    /** Adds {@code (array (mut? element))} and returns its type index. */
    public int addArrayType(StorageType element, boolean mutable) {
        WasmBytes t = new WasmBytes().u8(TYPE_ARRAY);
        element.writeTo(t);
        t.u8(mutable ? 1 : 0);
        return addType(t);
    }

    /** Adds {@code (struct (field ...)*)} with every field mutable or not, and returns its type index. */
    public int addStructType(List<StorageType> fields, boolean mutable) {
        WasmBytes t = new WasmBytes().u8(TYPE_STRUCT).unsigned(fields.size());
        for (StorageType f : fields) {
            f.writeTo(t);
            t.u8(mutable ? 1 : 0);
        }
        return addType(t);
    }

    /** Imports a function of type {@code typeIndex}; returns its function index. */
    public int importFunction(String module, String name, int typeIndex) {
        if (!bodies.isEmpty()) {
            throw new IllegalStateException("imports go before the module's own functions");
        }
        requireFunctionType(typeIndex);
        imports.name(module).name(name).u8(KIND_FUNC).unsigned(typeIndex);
        importCount++;
        return importedFunctions++;
    }

    /** Imports a memory of at least {@code minPages} 64 KiB pages ({@code maxPages} &lt; 0: no maximum). */
    public int importMemory(String module, String name, int minPages, int maxPages) {
        if (importedMemories + memoryCount > 0) {
            throw new IllegalStateException("one memory per module");
        }
        imports.name(module).name(name).u8(KIND_MEMORY);
        writeLimits(imports, minPages, maxPages);
        importCount++;
        return importedMemories++;
    }

    /** Defines a table of {@code minSize} null {@code funcref}s (no maximum); returns its table index. */
    public int addFuncrefTable(int minSize) {
        ValueType.FUNCREF.writeTo(tables);
        writeLimits(tables, minSize, -1);
        return tableCount++;
    }

    public void exportTable(String name, int tableIndex) {
        if (tableIndex < 0 || tableIndex >= tableCount) {
            throw new IllegalArgumentException("no table " + tableIndex);
        }
        exports.name(name).u8(KIND_TABLE).unsigned(tableIndex);
        exportCount++;
    }

    /** Defines the module's memory; returns its memory index. */
    public int addMemory(int minPages, int maxPages) {
        if (importedMemories + memoryCount > 0) {
            throw new IllegalStateException("one memory per module");
        }
        writeLimits(memories, minPages, maxPages);
        return memoryCount++;
    }

    /** Adds a function of type {@code typeIndex}; fill in the returned body, then {@link FunctionBody#finish}. */
    public FunctionBody addFunction(int typeIndex) {
        FunctionType type = requireFunctionType(typeIndex);
        functionTypeIndices.add(typeIndex);
        FunctionBody body = new FunctionBody(type.parameterCount());
        bodies.add(body);
        return body;
    }

    /** The function index the next {@link #addFunction} will get. */
    public int nextFunctionIndex() {
        return importedFunctions + bodies.size();
    }

    public void exportFunction(String name, int functionIndex) {
        if (functionIndex < 0 || functionIndex >= nextFunctionIndex()) {
            throw new IllegalArgumentException("no function " + functionIndex);
        }
        exports.name(name).u8(KIND_FUNC).unsigned(functionIndex);
        exportCount++;
    }

    public void exportMemory(String name, int memoryIndex) {
        if (memoryIndex != 0 || importedMemories + memoryCount == 0) {
            throw new IllegalArgumentException("no memory " + memoryIndex);
        }
        exports.name(name).u8(KIND_MEMORY).unsigned(memoryIndex);
        exportCount++;
    }

    /** The module in the binary format; every function body must be finished. */
    public byte[] toBytes() {
        WasmBytes out = new WasmBytes().raw(HEADER, 0, HEADER.length);
        if (!types.isEmpty()) {
            WasmBytes s = new WasmBytes().unsigned(types.size() + extraEntries);
            for (WasmBytes t : types) {
                s.raw(t);
            }
            section(out, SECTION_TYPE, s);
        }
        if (importCount > 0) {
            section(out, SECTION_IMPORT, new WasmBytes().unsigned(importCount).raw(imports));
        }
        if (!bodies.isEmpty()) {
            WasmBytes s = new WasmBytes().unsigned(functionTypeIndices.size());
            for (int index : functionTypeIndices) {
                s.unsigned(index);
            }
            section(out, SECTION_FUNCTION, s);
        }
        if (tableCount > 0) {
            section(out, SECTION_TABLE, new WasmBytes().unsigned(tableCount).raw(tables));
        }
        if (memoryCount > 0) {
            section(out, SECTION_MEMORY, new WasmBytes().unsigned(memoryCount).raw(memories));
        }
        if (exportCount > 0) {
            section(out, SECTION_EXPORT, new WasmBytes().unsigned(exportCount).raw(exports));
        }
        if (!bodies.isEmpty()) {
            WasmBytes s = new WasmBytes().unsigned(bodies.size());
            for (int i = 0; i < bodies.size(); i++) {
                FunctionBody body = bodies.get(i);
                if (!body.finished()) {
                    throw new IllegalStateException("function " + (importedFunctions + i) + " is not finished");
                }
                WasmBytes b = new WasmBytes();
                body.writeTo(b);
                s.sized(b);
            }
            section(out, SECTION_CODE, s);
        }
        return out.toByteArray();
    }

    private int addType(WasmBytes type) {
        types.add(type);
        return typeCount++;
    }

    private FunctionType requireFunctionType(int typeIndex) {
        for (FunctionType t : functionTypes) {
            if (t.index() == typeIndex) {
                return t;
            }
        }
        throw new IllegalArgumentException("type " + typeIndex + " is not a function type");
    }

    private static void writeVector(WasmBytes out, List<ValueType> values) {
        out.unsigned(values.size());
        for (ValueType v : values) {
            v.writeTo(out);
        }
    }

    private static void writeLimits(WasmBytes out, int min, int max) {
        if (max < 0) {
            out.u8(0x00).unsigned(min);
        } else {
            if (max < min) {
                throw new IllegalArgumentException("maximum " + max + " below minimum " + min);
            }
            out.u8(0x01).unsigned(min).unsigned(max);
        }
    }

    private static void section(WasmBytes out, int id, WasmBytes content) {
        out.u8(id).sized(content);
    }
}
