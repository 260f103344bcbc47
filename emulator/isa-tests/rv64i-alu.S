/* RV64I integer computation (unprivileged spec 2.4 and 4.2): arithmetic, logic, shifts,
   compares, LUI/AUIPC and the 32-bit W forms, whose results are sign-extended to 64 bits. */
#include "test.h"
TEST_BEGIN

    TEST_RR  1, add,  0x0000000000000005, 2, 3
    TEST_RR  2, add,  0x0000000000000000, -1, 1
    TEST_RR  3, add,  0x8000000000000000, 0x7fffffffffffffff, 1
    TEST_RR  4, sub,  0xffffffffffffffff, 2, 3
    TEST_RR  5, sub,  0x7fffffffffffffff, 0x8000000000000000, 1
    TEST_RI  6, addi, 0x00000000000007ff, 0, 2047
    TEST_RI  7, addi, 0xfffffffffffff800, 0, -2048
    TEST_RI  8, addi, 0x8000000000000000, 0x80000000000007ff, -2047

    TEST_RR 10, and,  0x0f000f00, 0xff00ff00, 0x0f0f0f0f
    TEST_RR 11, or,   0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR 12, xor,  0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
    TEST_RI 13, andi, 0x0000000000000700, 0xff00ff00, 0x7f0
    TEST_RI 14, andi, 0xffffffffff00ff00, 0xffffffffff00ff00, -1
    TEST_RI 15, ori,  0xfffffffffffff80f, 0x0f, -2048
    TEST_RI 16, xori, 0xfffffffffffffff0, 0x0f, -1
    TEST_RI 17, xori, 0x00000000000007f0, 0x0f, 0x7ff

    TEST_RR 20, sll,  0x0000000000000080, 1, 7
    TEST_RR 21, sll,  0x8000000000000000, 1, 63
    TEST_RR 22, sll,  0x0000000000000002, 1, 65          /* only rs2[5:0] counts */
    TEST_RR 23, srl,  0x0000000000000001, 0x8000000000000000, 63
    TEST_RR 24, srl,  0x00ffffffffffffff, -1, 8
    TEST_RR 25, sra,  0xffffffffffffffff, 0x8000000000000000, 63
    TEST_RR 26, sra,  0xff80000000000000, 0x8000000000000000, 0x48  /* 72 & 63 = 8 */
    TEST_RI 27, slli, 0x8000000000000000, 1, 63
    TEST_RI 28, srli, 0x0000000000000001, 0x8000000000000000, 63
    TEST_RI 29, srai, 0xfffffffff0000000, 0x8000000000000000, 35
    TEST_RI 30, srai, 0x0000000000000003, 0x7000000000000000, 61

    TEST_RR 35, slt,  1, -1, 0
    TEST_RR 36, slt,  0, 0, -1
    TEST_RR 37, slt,  0, 5, 5
    TEST_RR 38, sltu, 0, -1, 0
    TEST_RR 39, sltu, 1, 0, -1
    TEST_RR 40, sltu, 1, 0x7fffffffffffffff, 0x8000000000000000
    TEST_RI 41, slti, 1, 0x8000000000000000, -2048
    TEST_RI 42, slti, 0, 2047, 2047
    TEST_RI 43, sltiu, 1, 5, -1                           /* imm sign-extends, then unsigned */
    TEST_RI 44, sltiu, 0, -1, -1
    TEST_RI 45, sltiu, 1, 0, 1                            /* seqz */

    TEST_RR 50, addw, 0xffffffff80000000, 0x7fffffff, 1
    TEST_RR 51, addw, 0x0000000000000000, 0xffffffff, 1
    TEST_RR 52, addw, 0x0000000000000003, 0x1234567800000001, 0x0000000100000002
    TEST_RR 53, subw, 0x000000007fffffff, 0x80000000, 1
    TEST_RR 54, subw, 0xffffffffffffffff, 0x100000000, 1
    TEST_RI 55, addiw, 0xffffffff80000000, 0x7fffffff, 1
    TEST_RI 56, addiw, 0xffffffffffffffff, 0xffffffff, 0   /* sext.w */
    TEST_RI 57, addiw, 0x000000007ffff801, 0x180000001, -2048
    TEST_RR 58, sllw, 0xffffffff80000000, 1, 31
    TEST_RR 59, sllw, 0x0000000000000002, 1, 33          /* only rs2[4:0] counts */
    TEST_RR 60, srlw, 0x0000000000000001, 0xffffffff80000000, 31
    TEST_RR 61, srlw, 0x0000000007ffffff, 0x00000000ffffffff, 0x25
    TEST_RR 62, sraw, 0xffffffffffffffff, 0x0000000080000000, 31
    TEST_RR 63, sraw, 0x0000000000000001, 0xffffffff7fffffff, 30
    TEST_RI 64, slliw, 0xffffffff80000000, 0xffffffff00000001, 31
    TEST_RI 65, srliw, 0x0000000000000001, 0x0000000080000000, 31
    TEST_RI 66, srliw, 0xffffffff80000000, 0x0000000080000000, 0
    TEST_RI 67, sraiw, 0xfffffffffff80000, 0x0000000080000000, 12

    /* LUI places imm[31:12] and sign-extends; AUIPC adds it to its own address. */
    TEST 70
    lui     a0, 0x80000
    CHECK   a0, 0xffffffff80000000
    TEST 71
    lui     a0, 0x7ffff
    CHECK   a0, 0x000000007ffff000
    TEST 72
1:  auipc   a0, 0x1
    la      a1, 1b
    sub     a0, a0, a1
    CHECK   a0, 0x1000
    TEST 73
2:  auipc   a0, 0xfffff
    la      a1, 2b
    sub     a0, a0, a1
    CHECK   a0, -0x1000

    /* x0 is hard-wired to zero: writes vanish. */
    TEST 75
    li      a1, 5
    add     x0, a1, a1
    CHECK   x0, 0
    TEST 76
    addi    a0, x0, -1
    srli    a0, a0, 1
    CHECK   a0, 0x7fffffffffffffff

    /* Source and destination may be the same register. */
    TEST 77
    li      a0, 21
    add     a0, a0, a0
    CHECK   a0, 42

TEST_END
