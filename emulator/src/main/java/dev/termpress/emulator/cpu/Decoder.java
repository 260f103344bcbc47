package dev.termpress.emulator.cpu;

/**
 * Decodes one instruction into the decode cache's two-word form, so the interpreter dispatches on
 * a dense operation number with the register fields and the immediate already extracted.
 *
 * <p>The entry word: bits 0–6 the operation (never 0, which marks an entry not decoded yet), bit
 * 7 set for a compressed (2-byte) instruction, then rd (6 bits from bit 8: x0 as a destination
 * becomes {@link #SINK}), rs1 and rs2 (5 bits each from bit 14 and 19) and for loads, stores and
 * M-extension ops the funct3 at bit 24. The second word is the
 * sign-extended immediate. Operations left to the slow units ({@link #SYSTEM}, {@link #AMO},
 * {@link #FP}, {@link #OP_32}) carry the whole 32-bit instruction as their second word and, in
 * entry bits 8–23, the raw compressed halfword their traps report; {@link #ILLEGAL} carries the
 * raw instruction bits (the trap value) as its second word.
 */
public final class Decoder {

    public static final int OP_MASK = 0x7f;
    public static final int COMPRESSED = 0x80;
    public static final int RD_SHIFT = 8;
    public static final int RD_MASK = 63;
    public static final int RS1_SHIFT = 14;
    public static final int RS2_SHIFT = 19;
    public static final int FUNCT3_SHIFT = 24;
    /**
     * The register that writes to x0 go to ({@link Cpu}'s register array has 33 entries), so x0
     * reads as 0 without the interpreter clearing it before every instruction.
     */
    public static final int SINK = 32;
    public static final int RAW_SHIFT = 8;

    // Operations (values are only meaningful to this class and the Interpreter's dispatch).
    public static final int ILLEGAL = 1;
    public static final int SYSTEM = 2;
    public static final int AMO = 3;
    public static final int FP = 4;
    public static final int FENCE = 5;
    public static final int ADDI = 6;
    public static final int SLTI = 7;
    public static final int SLTIU = 8;
    public static final int XORI = 9;
    public static final int ORI = 10;
    public static final int ANDI = 11;
    public static final int SLLI = 12;
    public static final int SRLI = 13;
    public static final int SRAI = 14;
    public static final int AUIPC = 15;
    public static final int ADD = 16;
    public static final int SUB = 17;
    public static final int SLL = 18;
    public static final int SLT = 19;
    public static final int SLTU = 20;
    public static final int XOR = 21;
    public static final int SRL = 22;
    public static final int SRA = 23;
    public static final int OR = 24;
    public static final int AND = 25;
    public static final int MULDIV = 26;
    public static final int ADDIW = 27;
    public static final int SLLIW = 28;
    public static final int SRLIW = 29;
    public static final int SRAIW = 30;
    public static final int ADDW = 31;
    public static final int SUBW = 32;
    public static final int SLLW = 33;
    public static final int SRLW = 34;
    public static final int SRAW = 35;
    public static final int OP_32 = 36;
    public static final int LB = 37;
    public static final int LH = 38;
    public static final int LW = 39;
    public static final int LD = 40;
    public static final int LBU = 41;
    public static final int LHU = 42;
    public static final int LWU = 43;
    public static final int SB = 44;
    public static final int SH = 45;
    public static final int SW = 46;
    public static final int SD = 47;
    public static final int BEQ = 48;
    public static final int BNE = 49;
    public static final int BLT = 50;
    public static final int BGE = 51;
    public static final int BLTU = 52;
    public static final int BGEU = 53;
    public static final int JAL = 54;
    public static final int JALR = 55;

    // Major opcodes (unprivileged spec chapter 34, "RV32/64G Instruction Set Listings").
    private static final int OPC_LOAD = 0x03;
    private static final int OPC_LOAD_FP = 0x07;
    private static final int OPC_MISC_MEM = 0x0f;
    private static final int OPC_OP_IMM = 0x13;
    private static final int OPC_AUIPC = 0x17;
    private static final int OPC_OP_IMM_32 = 0x1b;
    private static final int OPC_STORE = 0x23;
    private static final int OPC_STORE_FP = 0x27;
    private static final int OPC_AMO = 0x2f;
    private static final int OPC_OP = 0x33;
    private static final int OPC_LUI = 0x37;
    private static final int OPC_OP_32 = 0x3b;
    private static final int OPC_MADD = 0x43;
    private static final int OPC_MSUB = 0x47;
    private static final int OPC_NMSUB = 0x4b;
    private static final int OPC_NMADD = 0x4f;
    private static final int OPC_OP_FP = 0x53;
    private static final int OPC_BRANCH = 0x63;
    private static final int OPC_JALR = 0x67;
    private static final int OPC_JAL = 0x6f;
    private static final int OPC_SYSTEM = 0x73;

    private static final int FUNCT7_ALT = 0x20;
    private static final int FUNCT7_MULDIV = 0x01;

    private static final int[] LOADS = {LB, LH, LW, LD, LBU, LHU, LWU, ILLEGAL};
    private static final int[] BRANCHES = {BEQ, BNE, ILLEGAL, ILLEGAL, BLT, BGE, BLTU, BGEU};
    private static final int[] OPS = {ADD, SLL, SLT, SLTU, XOR, SRL, OR, AND};

    private Decoder() {
    }

    /**
     * Decodes {@code insn} (the 32-bit form; for a compressed instruction its expansion, 0 when
     * illegal) into {@code entries[index]} and its immediate into {@code entries[index + 1]}; {@code raw} is the
     * instruction as fetched (the 16-bit halfword when {@code compressed}).
     */
    static void decode(int insn, int raw, boolean compressed, int[] entries, int index) {
        int rd = (insn >>> 7) & 31;
        int rs1 = (insn >>> 15) & 31;
        int rs2 = (insn >>> 20) & 31;
        int funct3 = (insn >>> 12) & 7;
        int funct7 = insn >>> 25;
        int iImm = insn >> 20;
        int op;
        int imm = iImm;
        switch (insn & 0x7f) { // an illegal compressed instruction expands to 0: ILLEGAL
            case OPC_OP_IMM:
                op = opImm(funct3, insn);
                if (op == SLLI || op == SRLI || op == SRAI) {
                    imm = (insn >>> 20) & 63;
                }
                break;
            case OPC_LUI:
                op = ADDI; // rd = x0 + the upper immediate
                rs1 = 0;
                imm = insn & 0xffff_f000;
                break;
            case OPC_AUIPC:
                op = AUIPC;
                imm = insn & 0xffff_f000;
                break;
            case OPC_OP:
                op = op(funct3, funct7);
                break;
            case OPC_OP_IMM_32:
                op = opImm32(funct3, funct7);
                imm = op == ADDIW ? iImm : rs2;
                break;
            case OPC_OP_32:
                op = op32(funct3, funct7);
                if (op == OP_32) {
                    imm = insn;
                }
                break;
            case OPC_LOAD:
                op = LOADS[funct3];
                break;
            case OPC_STORE:
                op = funct3 < 4 ? SB + funct3 : ILLEGAL;
                imm = (funct7 << 25 >> 20) | rd;
                break;
            case OPC_BRANCH:
                op = BRANCHES[funct3];
                imm = ((insn >> 31) << 12) | (((insn >>> 7) & 1) << 11) | (((insn >>> 25) & 0x3f) << 5)
                        | (((insn >>> 8) & 0xf) << 1);
                break;
            case OPC_JAL:
                op = JAL;
                imm = ((insn >> 31) << 20) | (insn & 0xff000) | (((insn >>> 20) & 1) << 11)
                        | (((insn >>> 21) & 0x3ff) << 1);
                break;
            case OPC_JALR:
                op = funct3 == 0 ? JALR : ILLEGAL;
                break;
            case OPC_MISC_MEM:
                // FENCE orders nothing on one hart; FENCE.I needs no action because every write to
                // a page drops that page's decoded instructions (Ram.decodedPages).
                op = funct3 > 1 ? ILLEGAL : FENCE;
                break;
            case OPC_SYSTEM:
                op = SYSTEM;
                break;
            case OPC_AMO:
                op = AMO;
                break;
            case OPC_LOAD_FP:
            case OPC_STORE_FP:
            case OPC_MADD:
            case OPC_MSUB:
            case OPC_NMSUB:
            case OPC_NMADD:
            case OPC_OP_FP:
                op = FP;
                break;
            default:
                op = ILLEGAL;
                break;
        }
        int entry;
        if (op == ILLEGAL) {
            entry = op;
            imm = raw;
        } else if (op == SYSTEM || op == AMO || op == FP || op == OP_32) {
            entry = op | ((raw & 0xffff) << RAW_SHIFT);
            imm = insn;
        } else {
            int destination = rd == 0 ? SINK : rd;
            entry = op | (destination << RD_SHIFT) | (rs1 << RS1_SHIFT) | (rs2 << RS2_SHIFT) | (funct3 << FUNCT3_SHIFT);
        }
        entries[index] = compressed ? entry | COMPRESSED : entry;
        entries[index + 1] = imm;
    }

    private static int opImm(int funct3, int insn) {
        int funct6 = insn >>> 26;
        switch (funct3) {
            case 0:
                return ADDI;
            case 1:
                return funct6 == 0 ? SLLI : ILLEGAL;
            case 2:
                return SLTI;
            case 3:
                return SLTIU;
            case 4:
                return XORI;
            case 5:
                return funct6 == 0 ? SRLI : funct6 == 0x10 ? SRAI : ILLEGAL;
            case 6:
                return ORI;
            default:
                return ANDI;
        }
    }

    private static int op(int funct3, int funct7) {
        if (funct7 == 0) {
            return OPS[funct3];
        }
        if (funct7 == FUNCT7_ALT) {
            return funct3 == 0 ? SUB : funct3 == 5 ? SRA : ILLEGAL;
        }
        return funct7 == FUNCT7_MULDIV ? MULDIV : ILLEGAL;
    }

    private static int opImm32(int funct3, int funct7) {
        switch (funct3) {
            case 0:
                return ADDIW;
            case 1:
                return funct7 == 0 ? SLLIW : ILLEGAL;
            case 5:
                return funct7 == 0 ? SRLIW : funct7 == FUNCT7_ALT ? SRAIW : ILLEGAL;
            default:
                return ILLEGAL;
        }
    }

    /** The common OP-32 instructions get their own operations; the rest (M's W forms, illegal) go to IntMath. */
    private static int op32(int funct3, int funct7) {
        if (funct7 == 0) {
            return funct3 == 0 ? ADDW : funct3 == 1 ? SLLW : funct3 == 5 ? SRLW : OP_32;
        }
        if (funct7 == FUNCT7_ALT) {
            return funct3 == 0 ? SUBW : funct3 == 5 ? SRAW : OP_32;
        }
        return OP_32;
    }
}
