package dev.termpress.emulator.translate.wasm;

/** The instruction opcodes the back end emits (spec §5.4; GC ones behind the 0xFB prefix). */
public final class Opcodes {
    // Control (§5.4.1)
    public static final int UNREACHABLE = 0x00;
    public static final int NOP = 0x01;
    public static final int BLOCK = 0x02;
    public static final int LOOP = 0x03;
    public static final int IF = 0x04;
    public static final int ELSE = 0x05;
    public static final int END = 0x0B;
    public static final int BR = 0x0C;
    public static final int BR_IF = 0x0D;
    public static final int BR_TABLE = 0x0E;
    public static final int RETURN = 0x0F;
    public static final int CALL = 0x10;
    public static final int CALL_INDIRECT = 0x11;
    public static final int TABLE_GET = 0x25;
    public static final int REF_IS_NULL = 0xD1;
    /** The 0xFC prefix (saturating truncation, bulk memory, table instructions). */
    public static final int MISC_PREFIX = 0xFC;
    public static final int TABLE_SIZE = 0x10;
    public static final int DROP = 0x1A;
    public static final int SELECT = 0x1B;
    /** The block type of a block without parameters or results. */
    public static final int BLOCK_EMPTY = 0x40;

    // Variables (§5.4.5)
    public static final int LOCAL_GET = 0x20;
    public static final int LOCAL_SET = 0x21;
    public static final int LOCAL_TEE = 0x22;
    public static final int GLOBAL_GET = 0x23;
    public static final int GLOBAL_SET = 0x24;

    // Memory (§5.4.6): each takes a memarg (alignment exponent, offset)
    public static final int I32_LOAD = 0x28;
    public static final int I64_LOAD = 0x29;
    public static final int I32_LOAD8_S = 0x2C;
    public static final int I32_LOAD8_U = 0x2D;
    public static final int I32_LOAD16_S = 0x2E;
    public static final int I32_LOAD16_U = 0x2F;
    public static final int I64_LOAD32_S = 0x34;
    public static final int I64_LOAD32_U = 0x35;
    public static final int I32_STORE = 0x36;
    public static final int I64_STORE = 0x37;
    public static final int I32_STORE8 = 0x3A;
    public static final int I32_STORE16 = 0x3B;

    // Numeric (§5.4.7)
    public static final int I32_CONST = 0x41;
    public static final int I64_CONST = 0x42;
    public static final int I32_EQZ = 0x45;
    public static final int I32_EQ = 0x46;
    public static final int I32_NE = 0x47;
    public static final int I32_LT_S = 0x48;
    public static final int I32_LT_U = 0x49;
    public static final int I32_GT_S = 0x4A;
    public static final int I32_GT_U = 0x4B;
    public static final int I32_LE_S = 0x4C;
    public static final int I32_LE_U = 0x4D;
    public static final int I32_GE_S = 0x4E;
    public static final int I32_GE_U = 0x4F;
    public static final int I64_EQZ = 0x50;
    public static final int I64_EQ = 0x51;
    public static final int I64_NE = 0x52;
    public static final int I64_LT_S = 0x53;
    public static final int I64_LT_U = 0x54;
    public static final int I64_GT_S = 0x55;
    public static final int I64_GT_U = 0x56;
    public static final int I64_LE_S = 0x57;
    public static final int I64_LE_U = 0x58;
    public static final int I64_GE_S = 0x59;
    public static final int I64_GE_U = 0x5A;
    public static final int I32_ADD = 0x6A;
    public static final int I32_SUB = 0x6B;
    public static final int I32_MUL = 0x6C;
    public static final int I32_DIV_S = 0x6D;
    public static final int I32_DIV_U = 0x6E;
    public static final int I32_REM_S = 0x6F;
    public static final int I32_REM_U = 0x70;
    public static final int I32_AND = 0x71;
    public static final int I32_OR = 0x72;
    public static final int I32_XOR = 0x73;
    public static final int I32_SHL = 0x74;
    public static final int I32_SHR_S = 0x75;
    public static final int I32_SHR_U = 0x76;
    public static final int I64_ADD = 0x7C;
    public static final int I64_SUB = 0x7D;
    public static final int I64_MUL = 0x7E;
    public static final int I64_DIV_S = 0x7F;
    public static final int I64_DIV_U = 0x80;
    public static final int I64_REM_S = 0x81;
    public static final int I64_REM_U = 0x82;
    public static final int I64_AND = 0x83;
    public static final int I64_OR = 0x84;
    public static final int I64_XOR = 0x85;
    public static final int I64_SHL = 0x86;
    public static final int I64_SHR_S = 0x87;
    public static final int I64_SHR_U = 0x88;
    public static final int I32_WRAP_I64 = 0xA7;
    public static final int I64_EXTEND_I32_S = 0xAC;
    public static final int I64_EXTEND_I32_U = 0xAD;
    public static final int I32_EXTEND8_S = 0xC0;
    public static final int I32_EXTEND16_S = 0xC1;

    // GC (WebAssembly GC, prefix 0xFB, then the sub-opcode as u32)
    public static final int GC_PREFIX = 0xFB;
    public static final int STRUCT_GET = 0x02;
    public static final int ARRAY_NEW_DEFAULT = 0x07;
    public static final int ARRAY_GET = 0x0B;
    public static final int ARRAY_SET = 0x0E;
    public static final int ARRAY_LEN = 0x0F;
    public static final int REF_CAST = 0x16;
    public static final int REF_CAST_NULL = 0x17;
    public static final int ANY_CONVERT_EXTERN = 0x1A;
    public static final int EXTERN_CONVERT_ANY = 0x1B;

    private Opcodes() {
    }
}
