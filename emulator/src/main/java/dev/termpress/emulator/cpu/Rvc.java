package dev.termpress.emulator.cpu;

/**
 * Expands RV64C instructions (unprivileged spec chapter 16) into the 32-bit instructions they
 * stand for. All 65,536 halfwords are expanded once into a table, so decoding a compressed
 * instruction in the hot loop is one array load. Zero marks a reserved or illegal encoding.
 */
final class Rvc {

    static final int ILLEGAL = 0;

    private static final int OP_LOAD = 0x03;
    private static final int OP_LOAD_FP = 0x07;
    private static final int OP_IMM = 0x13;
    private static final int OP_IMM_32 = 0x1b;
    private static final int OP_STORE = 0x23;
    private static final int OP_STORE_FP = 0x27;
    private static final int OP = 0x33;
    private static final int OP_LUI = 0x37;
    private static final int OP_32 = 0x3b;
    private static final int OP_BRANCH = 0x63;
    private static final int OP_JALR = 0x67;
    private static final int OP_JAL = 0x6f;
    private static final int EBREAK = 0x0010_0073;
    private static final int SP = 2;
    private static final int RA = 1;

    private static final int[] TABLE = buildTable();

    private Rvc() {
    }

    /** The 32-bit equivalent of compressed instruction {@code half}, or {@link #ILLEGAL}. */
    static int expand(int half) {
        return TABLE[half & 0xffff];
    }

    /** The table itself, for the interpreter's hot loop. */
    static int[] table() {
        return TABLE;
    }

    private static int[] buildTable() {
        int[] table = new int[1 << 16];
        for (int h = 0; h < table.length; h++) {
            table[h] = (h & 3) == 3 ? ILLEGAL : decode(h);
        }
        return table;
    }

    private static int bits(int h, int hi, int lo) {
        return (h >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static int bit(int h, int pos) {
        return (h >>> pos) & 1;
    }

    /** Sign-extends the low {@code width} bits. */
    private static int sext(int value, int width) {
        int shift = 32 - width;
        return (value << shift) >> shift;
    }

    static int decode(int h) {
        int funct3 = bits(h, 15, 13);
        switch (h & 3) {
            case 0:
                return quadrant0(h, funct3);
            case 1:
                return quadrant1(h, funct3);
            default:
                return quadrant2(h, funct3);
        }
    }

    private static int quadrant0(int h, int funct3) {
        int rdc = 8 + bits(h, 4, 2); // rd' and rs2'
        int rs1c = 8 + bits(h, 9, 7);
        int uimmD = (bits(h, 12, 10) << 3) | (bits(h, 6, 5) << 6);
        int uimmW = (bits(h, 12, 10) << 3) | (bit(h, 6) << 2) | (bit(h, 5) << 6);
        switch (funct3) {
            case 0: { // C.ADDI4SPN
                int imm = (bits(h, 12, 11) << 4) | (bits(h, 10, 7) << 6) | (bit(h, 6) << 2) | (bit(h, 5) << 3);
                return imm == 0 ? ILLEGAL : iType(imm, SP, 0, rdc, OP_IMM);
            }
            case 1:
                return iType(uimmD, rs1c, 3, rdc, OP_LOAD_FP); // C.FLD
            case 2:
                return iType(uimmW, rs1c, 2, rdc, OP_LOAD); // C.LW
            case 3:
                return iType(uimmD, rs1c, 3, rdc, OP_LOAD); // C.LD
            case 5:
                return sType(uimmD, rdc, rs1c, 3, OP_STORE_FP); // C.FSD
            case 6:
                return sType(uimmW, rdc, rs1c, 2, OP_STORE); // C.SW
            case 7:
                return sType(uimmD, rdc, rs1c, 3, OP_STORE); // C.SD
            default:
                return ILLEGAL;
        }
    }

    private static int quadrant1(int h, int funct3) {
        int rd = bits(h, 11, 7);
        int imm6 = sext((bit(h, 12) << 5) | bits(h, 6, 2), 6);
        int rdc = 8 + bits(h, 9, 7);
        int rs2c = 8 + bits(h, 4, 2);
        switch (funct3) {
            case 0:
                return iType(imm6, rd, 0, rd, OP_IMM); // C.ADDI / C.NOP
            case 1:
                return rd == 0 ? ILLEGAL : iType(imm6, rd, 0, rd, OP_IMM_32); // C.ADDIW
            case 2:
                return iType(imm6, 0, 0, rd, OP_IMM); // C.LI
            case 3: {
                if (rd == SP) { // C.ADDI16SP
                    int imm = (bit(h, 12) << 9) | (bit(h, 6) << 4) | (bit(h, 5) << 6) | (bits(h, 4, 3) << 7)
                            | (bit(h, 2) << 5);
                    return imm == 0 ? ILLEGAL : iType(sext(imm, 10), SP, 0, SP, OP_IMM);
                }
                int imm = sext((bit(h, 12) << 17) | (bits(h, 6, 2) << 12), 18); // C.LUI
                return imm == 0 ? ILLEGAL : (imm & 0xfffff000) | (rd << 7) | OP_LUI;
            }
            case 4:
                return arithmetic(h, rdc, rs2c);
            case 5: { // C.J
                int imm = (bit(h, 12) << 11) | (bit(h, 11) << 4) | (bits(h, 10, 9) << 8) | (bit(h, 8) << 10)
                        | (bit(h, 7) << 6) | (bit(h, 6) << 7) | (bits(h, 5, 3) << 1) | (bit(h, 2) << 5);
                return jType(sext(imm, 12), 0);
            }
            default: { // C.BEQZ, C.BNEZ
                int imm = (bit(h, 12) << 8) | (bits(h, 11, 10) << 3) | (bits(h, 6, 5) << 6) | (bits(h, 4, 3) << 1)
                        | (bit(h, 2) << 5);
                return bType(sext(imm, 9), 0, rdc, funct3 == 6 ? 0 : 1);
            }
        }
    }

    private static int arithmetic(int h, int rdc, int rs2c) {
        int shamt = (bit(h, 12) << 5) | bits(h, 6, 2);
        switch (bits(h, 11, 10)) {
            case 0:
                return iType(shamt, rdc, 5, rdc, OP_IMM); // C.SRLI
            case 1:
                return iType(shamt | 0x400, rdc, 5, rdc, OP_IMM); // C.SRAI
            case 2:
                return iType(sext(shamt, 6), rdc, 7, rdc, OP_IMM); // C.ANDI
            default:
                break;
        }
        int op = bits(h, 6, 5);
        if (bit(h, 12) == 0) {
            switch (op) {
                case 0:
                    return rType(0x20, rs2c, rdc, 0, rdc, OP); // C.SUB
                case 1:
                    return rType(0, rs2c, rdc, 4, rdc, OP); // C.XOR
                case 2:
                    return rType(0, rs2c, rdc, 6, rdc, OP); // C.OR
                default:
                    return rType(0, rs2c, rdc, 7, rdc, OP); // C.AND
            }
        }
        switch (op) {
            case 0:
                return rType(0x20, rs2c, rdc, 0, rdc, OP_32); // C.SUBW
            case 1:
                return rType(0, rs2c, rdc, 0, rdc, OP_32); // C.ADDW
            default:
                return ILLEGAL;
        }
    }

    private static int quadrant2(int h, int funct3) {
        int rd = bits(h, 11, 7);
        int rs2 = bits(h, 6, 2);
        int uimmD = (bit(h, 12) << 5) | (bits(h, 6, 5) << 3) | (bits(h, 4, 2) << 6);
        int uimmW = (bit(h, 12) << 5) | (bits(h, 6, 4) << 2) | (bits(h, 3, 2) << 6);
        int suimmD = (bits(h, 12, 10) << 3) | (bits(h, 9, 7) << 6);
        int suimmW = (bits(h, 12, 9) << 2) | (bits(h, 8, 7) << 6);
        switch (funct3) {
            case 0:
                return iType((bit(h, 12) << 5) | rs2, rd, 1, rd, OP_IMM); // C.SLLI
            case 1:
                return iType(uimmD, SP, 3, rd, OP_LOAD_FP); // C.FLDSP
            case 2:
                return rd == 0 ? ILLEGAL : iType(uimmW, SP, 2, rd, OP_LOAD); // C.LWSP
            case 3:
                return rd == 0 ? ILLEGAL : iType(uimmD, SP, 3, rd, OP_LOAD); // C.LDSP
            case 4:
                return jumpOrMove(h, rd, rs2);
            case 5:
                return sType(suimmD, rs2, SP, 3, OP_STORE_FP); // C.FSDSP
            case 6:
                return sType(suimmW, rs2, SP, 2, OP_STORE); // C.SWSP
            default:
                return sType(suimmD, rs2, SP, 3, OP_STORE); // C.SDSP
        }
    }

    private static int jumpOrMove(int h, int rd, int rs2) {
        if (bit(h, 12) == 0) {
            if (rs2 == 0) {
                return rd == 0 ? ILLEGAL : iType(0, rd, 0, 0, OP_JALR); // C.JR
            }
            return rType(0, rs2, 0, 0, rd, OP); // C.MV
        }
        if (rs2 == 0) {
            return rd == 0 ? EBREAK : iType(0, rd, 0, RA, OP_JALR); // C.EBREAK, C.JALR
        }
        return rType(0, rs2, rd, 0, rd, OP); // C.ADD
    }

    private static int iType(int imm, int rs1, int funct3, int rd, int opcode) {
        return (imm << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }

    private static int sType(int imm, int rs2, int rs1, int funct3, int opcode) {
        return ((imm >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | ((imm & 0x1f) << 7) | opcode;
    }

    private static int bType(int imm, int rs2, int rs1, int funct3) {
        return (((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15)
                | (funct3 << 12) | (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | OP_BRANCH;
    }

    private static int jType(int imm, int rd) {
        return (((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20)
                | (imm & 0xff000) | (rd << 7) | OP_JAL;
    }

    private static int rType(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        return (funct7 << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }
}
