package dev.termpress.emulator.cpu;

/** A tiny RV64 assembler for tests: one method per instruction format. */
public final class Asm {

    public static final int ZERO = 0;
    public static final int RA = 1;
    public static final int SP = 2;
    public static final int T0 = 5;
    public static final int T1 = 6;
    public static final int T2 = 7;
    public static final int A0 = 10;
    public static final int A1 = 11;
    public static final int A2 = 12;
    public static final int A3 = 13;
    public static final int A6 = 16;
    public static final int A7 = 17;

    private Asm() {
    }

    public static int r(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        return (funct7 << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }

    public static int i(int imm, int rs1, int funct3, int rd, int opcode) {
        return (imm << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }

    public static int s(int imm, int rs2, int rs1, int funct3, int opcode) {
        return ((imm >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | ((imm & 0x1f) << 7) | opcode;
    }

    public static int b(int imm, int rs2, int rs1, int funct3) {
        return (((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15)
                | (funct3 << 12) | (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | 0x63;
    }

    public static int j(int imm, int rd) {
        return (((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20)
                | (imm & 0xff000) | (rd << 7) | 0x6f;
    }

    public static int addi(int rd, int rs1, int imm) {
        return i(imm, rs1, 0, rd, 0x13);
    }

    public static int lui(int rd, int imm20) {
        return (imm20 << 12) | (rd << 7) | 0x37;
    }

    public static int add(int rd, int rs1, int rs2) {
        return r(0, rs2, rs1, 0, rd, 0x33);
    }

    public static int ld(int rd, int rs1, int imm) {
        return i(imm, rs1, 3, rd, 0x03);
    }

    public static int lw(int rd, int rs1, int imm) {
        return i(imm, rs1, 2, rd, 0x03);
    }

    public static int sd(int rs2, int rs1, int imm) {
        return s(imm, rs2, rs1, 3, 0x23);
    }

    public static int sw(int rs2, int rs1, int imm) {
        return s(imm, rs2, rs1, 2, 0x23);
    }

    public static int sh(int rs2, int rs1, int imm) {
        return s(imm, rs2, rs1, 1, 0x23);
    }

    public static int jalr(int rd, int rs1, int imm) {
        return i(imm, rs1, 0, rd, 0x67);
    }

    public static int csrrw(int rd, int csr, int rs1) {
        return i(csr, rs1, 1, rd, 0x73);
    }

    public static int csrrs(int rd, int csr, int rs1) {
        return i(csr, rs1, 2, rd, 0x73);
    }

    public static int csrrc(int rd, int csr, int rs1) {
        return i(csr, rs1, 3, rd, 0x73);
    }

    public static int csrrwi(int rd, int csr, int uimm) {
        return i(csr, uimm, 5, rd, 0x73);
    }

    public static final int ECALL = 0x0000_0073;
    public static final int EBREAK = 0x0010_0073;
    public static final int MRET = 0x3020_0073;
    public static final int SRET = 0x1020_0073;
    public static final int WFI = 0x1050_0073;
    public static final int SFENCE_VMA = 0x1200_0073;
    public static final int NOP = 0x0000_0013;

    /** An AMO: funct5, width funct3 (2 = W, 3 = D). */
    public static int amo(int funct5, int funct3, int rd, int rs1, int rs2) {
        return r(funct5 << 2, rs2, rs1, funct3, rd, 0x2f);
    }
}
