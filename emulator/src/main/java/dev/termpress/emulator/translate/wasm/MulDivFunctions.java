package dev.termpress.emulator.translate.wasm;

import java.util.List;

/**
 * The M extension as functions of a generated module, {@code (i64, i64) -> i64} each, with RISC-V's
 * results where WebAssembly would trap (unprivileged spec §13.2: division by zero gives all ones or
 * the dividend, signed overflow gives the dividend or zero) and the high products WebAssembly lacks
 * built from 32-bit halves.
 */
final class MulDivFunctions {
    /** Function index per funct3 of OP (MUL... REMU), 0 until first used (0 is the unit's run); MUL is inline. */
    private final int[] wide = new int[8];
    /** Function index per funct3 of OP-32 (MULW, DIVW, DIVUW, REMW, REMUW), 0 until first used. */
    private final int[] word = new int[8];
    private final WasmModule m;
    private final int binary;

    /**
     * The functions of {@code m}, each added when a unit first uses it (most units use none, and every
     * byte of a unit's module is written on the worker's thread); {@code binary} is {@code (i64, i64) -> i64}.
     */
    MulDivFunctions(WasmModule m, int binary) {
        this.m = m;
        this.binary = binary;
    }

    /** The function for OP's {@code funct3}, or -1 for MUL (one {@code i64.mul}). */
    int wide(int funct3) {
        if (funct3 == 0) {
            return -1;
        }
        if (wide[funct3] == 0) {
            wide[funct3] = switch (funct3) {
                case 1 -> add(f -> mulhSigned(f, wide(3), true));
                case 2 -> add(f -> mulhSigned(f, wide(3), false));
                case 3 -> add(MulDivFunctions::mulhu);
                default -> add(f -> divide(f, (funct3 & 1) == 0, funct3 >= 6));
            };
        }
        return wide[funct3];
    }

    /** The function for OP-32's {@code funct3}, or -1 if that encoding is reserved. */
    int word(int funct3) {
        if (funct3 >= 1 && funct3 <= 3) {
            return -1;
        }
        if (word[funct3] == 0) {
            word[funct3] = funct3 == 0
                    ? add(f -> f.localGet(0).op(Opcodes.I32_WRAP_I64).localGet(1).op(Opcodes.I32_WRAP_I64)
                            .op(Opcodes.I32_MUL).op(Opcodes.I64_EXTEND_I32_S))
                    : add(f -> divideWord(f, (funct3 & 1) == 0, funct3 >= 6));
        }
        return word[funct3];
    }

    private interface Body {
        void emit(FunctionBody f);
    }

    private int add(Body body) {
        int index = m.nextFunctionIndex();
        FunctionBody f = m.addFunction(binary);
        body.emit(f);
        f.finish();
        return index;
    }

    /** The high 64 bits of the unsigned 128-bit product, from four 32x32 partial products. */
    private static void mulhu(FunctionBody f) {
        int aLo = f.addLocal(ValueType.I64);
        int aHi = f.addLocal(ValueType.I64);
        int bLo = f.addLocal(ValueType.I64);
        int bHi = f.addLocal(ValueType.I64);
        int lh = f.addLocal(ValueType.I64);
        int hl = f.addLocal(ValueType.I64);
        f.localGet(0).i64Const(0xffff_ffffL).op(Opcodes.I64_AND).localSet(aLo);
        f.localGet(0).i64Const(32).op(Opcodes.I64_SHR_U).localSet(aHi);
        f.localGet(1).i64Const(0xffff_ffffL).op(Opcodes.I64_AND).localSet(bLo);
        f.localGet(1).i64Const(32).op(Opcodes.I64_SHR_U).localSet(bHi);
        f.localGet(aLo).localGet(bHi).op(Opcodes.I64_MUL).localSet(lh);
        f.localGet(aHi).localGet(bLo).op(Opcodes.I64_MUL).localSet(hl);
        // hh + (lh >>> 32) + (hl >>> 32) + carry of the middle column
        f.localGet(aHi).localGet(bHi).op(Opcodes.I64_MUL);
        f.localGet(lh).i64Const(32).op(Opcodes.I64_SHR_U).op(Opcodes.I64_ADD);
        f.localGet(hl).i64Const(32).op(Opcodes.I64_SHR_U).op(Opcodes.I64_ADD);
        f.localGet(aLo).localGet(bLo).op(Opcodes.I64_MUL).i64Const(32).op(Opcodes.I64_SHR_U);
        f.localGet(lh).i64Const(0xffff_ffffL).op(Opcodes.I64_AND).op(Opcodes.I64_ADD);
        f.localGet(hl).i64Const(0xffff_ffffL).op(Opcodes.I64_AND).op(Opcodes.I64_ADD);
        f.i64Const(32).op(Opcodes.I64_SHR_U).op(Opcodes.I64_ADD);
    }

    /** MULH ({@code bothSigned}) or MULHSU: the unsigned high product corrected for negative operands. */
    private static void mulhSigned(FunctionBody f, int mulhu, boolean bothSigned) {
        f.localGet(0).localGet(1).call(mulhu);
        f.localGet(0).i64Const(63).op(Opcodes.I64_SHR_S).localGet(1).op(Opcodes.I64_AND).op(Opcodes.I64_SUB);
        if (bothSigned) {
            f.localGet(1).i64Const(63).op(Opcodes.I64_SHR_S).localGet(0).op(Opcodes.I64_AND).op(Opcodes.I64_SUB);
        }
    }

    /** DIV, DIVU, REM, REMU on 64 bits. */
    private static void divide(FunctionBody f, boolean signed, boolean remainder) {
        f.localGet(1).op(Opcodes.I64_EQZ).ifThen();
        if (remainder) {
            f.localGet(0);
        } else {
            f.i64Const(-1);
        }
        f.op(Opcodes.RETURN).end();
        if (signed) {
            // MIN / -1 overflows: RISC-V gives MIN (and remainder 0); WebAssembly's div_s traps.
            f.localGet(1).i64Const(-1).op(Opcodes.I64_EQ).ifThen();
            if (remainder) {
                f.i64Const(0);
            } else {
                f.i64Const(0).localGet(0).op(Opcodes.I64_SUB);
            }
            f.op(Opcodes.RETURN).end();
        }
        f.localGet(0).localGet(1).op(signed ? (remainder ? Opcodes.I64_REM_S : Opcodes.I64_DIV_S)
                : (remainder ? Opcodes.I64_REM_U : Opcodes.I64_DIV_U));
    }

    /** DIVW, DIVUW, REMW, REMUW: on the low words, the result sign-extended. */
    private static void divideWord(FunctionBody f, boolean signed, boolean remainder) {
        int a = f.addLocal(ValueType.I32);
        int b = f.addLocal(ValueType.I32);
        f.localGet(0).op(Opcodes.I32_WRAP_I64).localSet(a);
        f.localGet(1).op(Opcodes.I32_WRAP_I64).localSet(b);
        f.localGet(b).op(Opcodes.I32_EQZ).ifThen();
        if (remainder) {
            f.localGet(a);
        } else {
            f.i32Const(-1);
        }
        f.op(Opcodes.I64_EXTEND_I32_S).op(Opcodes.RETURN).end();
        if (signed) {
            f.localGet(b).i32Const(-1).op(Opcodes.I32_EQ).ifThen();
            if (remainder) {
                f.i64Const(0);
            } else {
                f.i32Const(0).localGet(a).op(Opcodes.I32_SUB).op(Opcodes.I64_EXTEND_I32_S);
            }
            f.op(Opcodes.RETURN).end();
        }
        f.localGet(a).localGet(b).op(signed ? (remainder ? Opcodes.I32_REM_S : Opcodes.I32_DIV_S)
                : (remainder ? Opcodes.I32_REM_U : Opcodes.I32_DIV_U));
        f.op(Opcodes.I64_EXTEND_I32_S);
    }

    /** The type these functions have, added to {@code m}. */
    static int binaryType(WasmModule m) {
        return m.addFunctionType(List.of(ValueType.I64, ValueType.I64), List.of(ValueType.I64));
    }
}
