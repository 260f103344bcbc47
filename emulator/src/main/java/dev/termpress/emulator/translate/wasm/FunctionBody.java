package dev.termpress.emulator.translate.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * One function's code (spec §5.5.13): its locals beyond the parameters, and its instructions, appended
 * by the methods below in order. {@link #finish} closes the body with {@code end}; nesting of blocks is
 * counted so an unbalanced body is refused before it reaches the engine.
 */
public final class FunctionBody {
    private final int parameterCount;
    private final List<ValueType> locals = new ArrayList<>();
    private final WasmBytes code = new WasmBytes();
    private int depth;
    private boolean finished;

    FunctionBody(int parameterCount) {
        this.parameterCount = parameterCount;
    }

    /** Declares a local and returns its index (parameters come first). */
    public int addLocal(ValueType type) {
        locals.add(type);
        return parameterCount + locals.size() - 1;
    }

    public FunctionBody op(int opcode) {
        code.u8(opcode);
        return this;
    }

    public FunctionBody i32Const(int value) {
        code.u8(Opcodes.I32_CONST).signed(value);
        return this;
    }

    public FunctionBody i64Const(long value) {
        code.u8(Opcodes.I64_CONST).signed(value);
        return this;
    }

    public FunctionBody localGet(int index) {
        code.u8(Opcodes.LOCAL_GET).unsigned(index);
        return this;
    }

    public FunctionBody localSet(int index) {
        code.u8(Opcodes.LOCAL_SET).unsigned(index);
        return this;
    }

    public FunctionBody localTee(int index) {
        code.u8(Opcodes.LOCAL_TEE).unsigned(index);
        return this;
    }

    /** {@code block} without parameters or results; close it with {@link #end}. */
    public FunctionBody block() {
        return open(Opcodes.BLOCK);
    }

    /** {@code loop} without parameters or results; a branch to it jumps back to its start. */
    public FunctionBody loop() {
        return open(Opcodes.LOOP);
    }

    /** {@code if} without results, on the i32 on the stack. */
    public FunctionBody ifThen() {
        return open(Opcodes.IF);
    }

    public FunctionBody elseThen() {
        if (depth == 0) {
            throw new IllegalStateException("else outside an if");
        }
        code.u8(Opcodes.ELSE);
        return this;
    }

    public FunctionBody end() {
        if (depth == 0) {
            throw new IllegalStateException("end without an open block");
        }
        depth--;
        code.u8(Opcodes.END);
        return this;
    }

    /** {@code br}: {@code label} 0 is the innermost enclosing block. */
    public FunctionBody br(int label) {
        code.u8(Opcodes.BR).unsigned(checkLabel(label));
        return this;
    }

    public FunctionBody brIf(int label) {
        code.u8(Opcodes.BR_IF).unsigned(checkLabel(label));
        return this;
    }

    /** {@code br_table}: the i32 on the stack picks {@code labels[i]}, or {@code defaultLabel} past the end. */
    public FunctionBody brTable(int[] labels, int defaultLabel) {
        code.u8(Opcodes.BR_TABLE).unsigned(labels.length);
        for (int label : labels) {
            code.unsigned(checkLabel(label));
        }
        code.unsigned(checkLabel(defaultLabel));
        return this;
    }

    public FunctionBody call(int functionIndex) {
        code.u8(Opcodes.CALL).unsigned(functionIndex);
        return this;
    }

    /** {@code call_indirect}: calls the function of type {@code typeIndex} at the i32 on the stack in {@code table}. */
    public FunctionBody callIndirect(int typeIndex, int table) {
        code.u8(Opcodes.CALL_INDIRECT).unsigned(typeIndex).unsigned(table);
        return this;
    }

    /** {@code table.get}: the reference at the i32 on the stack. */
    public FunctionBody tableGet(int table) {
        code.u8(Opcodes.TABLE_GET).unsigned(table);
        return this;
    }

    /** {@code table.size}. */
    public FunctionBody tableSize(int table) {
        code.u8(Opcodes.MISC_PREFIX).unsigned(Opcodes.TABLE_SIZE).unsigned(table);
        return this;
    }

    /** A load or store with its memarg: {@code alignLog2} (0 = byte) and a constant offset. */
    public FunctionBody memory(int opcode, int alignLog2, int offset) {
        code.u8(opcode).unsigned(alignLog2).unsigned(offset & 0xFFFF_FFFFL);
        return this;
    }

    /** A GC instruction that names a type: {@code array.get $t}, {@code array.set $t}... */
    public FunctionBody gc(int subOpcode, int typeIndex) {
        code.u8(Opcodes.GC_PREFIX).unsigned(subOpcode).unsigned(typeIndex);
        return this;
    }

    /** {@code struct.get $t field} (and the other struct field instructions). */
    public FunctionBody gc(int subOpcode, int typeIndex, int fieldIndex) {
        code.u8(Opcodes.GC_PREFIX).unsigned(subOpcode).unsigned(typeIndex).unsigned(fieldIndex);
        return this;
    }

    /** {@code ref.cast (ref null? $t)}: traps when the reference is not of type {@code typeIndex}. */
    public FunctionBody refCast(int typeIndex, boolean nullable) {
        code.u8(Opcodes.GC_PREFIX).unsigned(nullable ? Opcodes.REF_CAST_NULL : Opcodes.REF_CAST)
                .signed(typeIndex); // a heap type: s33
        return this;
    }

    /** A GC instruction without immediates ({@code array.len}). */
    public FunctionBody gc(int subOpcode) {
        code.u8(Opcodes.GC_PREFIX).unsigned(subOpcode);
        return this;
    }

    /** Closes the function; nothing may be appended afterwards. */
    public FunctionBody finish() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " block(s) still open");
        }
        if (!finished) {
            code.u8(Opcodes.END);
            finished = true;
        }
        return this;
    }

    boolean finished() {
        return finished;
    }

    /** The body as the code section holds it, without its size prefix. */
    void writeTo(WasmBytes out) {
        // Runs of equal types share one entry: (count, type).
        int runs = 0;
        for (int i = 0; i < locals.size(); i++) {
            if (i == 0 || !locals.get(i).equals(locals.get(i - 1))) {
                runs++;
            }
        }
        out.unsigned(runs);
        int i = 0;
        while (i < locals.size()) {
            int j = i;
            while (j < locals.size() && locals.get(j).equals(locals.get(i))) {
                j++;
            }
            out.unsigned(j - i);
            locals.get(i).writeTo(out);
            i = j;
        }
        out.raw(code);
    }

    private FunctionBody open(int opcode) {
        depth++;
        code.u8(opcode).u8(Opcodes.BLOCK_EMPTY);
        return this;
    }

    private int checkLabel(int label) {
        if (label < 0 || label > depth) { // depth itself is the function's own block
            throw new IllegalArgumentException("branch to label " + label + " with " + depth + " block(s) open");
        }
        return label;
    }
}
