/* C extension (unprivileged spec chapter 16), every RV64C instruction written with its c.
   mnemonic so the assembler cannot substitute a 32-bit form: results, immediate scaling and sign,
   link values pc + 2, and the reserved all-zero encoding (illegal). */
#include "test.h"

TEST_BEGIN
    /* Quadrant 1: integer constants and arithmetic. */
    TEST  1
    c.li    a0, -32
    CHECK   a0, -32
    TEST  2
    c.li    a0, 31
    c.addi  a0, -1
    CHECK   a0, 30
    TEST  3
    c.lui   a0, 0xfffe0              /* nzimm[17:12] = -32: sign-extended */
    CHECK   a0, 0xfffffffffffe0000
    TEST  4
    c.lui   a0, 0x1f
    CHECK   a0, 0x1f000
    TEST  5
    li      a0, 0x7fffffff
    c.addiw a0, 1
    CHECK   a0, 0xffffffff80000000
    TEST  6
    li      a0, 0x1ffffffff
    c.addiw a0, 0                    /* sext.w */
    CHECK   a0, -1
    TEST  7
    mv      s1, sp
    c.addi16sp sp, -512
    sub     a0, s1, sp
    CHECK   a0, 512
    c.addi16sp sp, 496
    c.addi16sp sp, 16
    CHECK_EQ sp, s1
    TEST  8
    c.addi4spn a0, sp, 1020
    sub     a0, a0, sp
    CHECK   a0, 1020
    TEST  9
    li      a0, 0x8000000000000000
    c.srli  a0, 63
    CHECK   a0, 1
    TEST 10
    li      a0, 0x8000000000000000
    c.srai  a0, 60
    CHECK   a0, 0xfffffffffffffff8
    TEST 11
    li      a0, 0xff
    c.andi  a0, -16
    CHECK   a0, 0xf0
    TEST 12
    li      a0, 0x1
    c.slli  a0, 63
    CHECK   a0, 0x8000000000000000
    TEST 13
    li      a0, 10
    li      a1, 3
    c.sub   a0, a1
    CHECK   a0, 7
    TEST 14
    li      a0, 0xf0
    li      a1, 0x3c
    c.xor   a0, a1
    CHECK   a0, 0xcc
    TEST 15
    li      a0, 0xf0
    c.or    a0, a1
    CHECK   a0, 0xfc
    TEST 16
    li      a0, 0xf0
    c.and   a0, a1
    CHECK   a0, 0x30
    TEST 17
    li      a0, 0x80000000
    li      a1, 1
    c.subw  a0, a1
    CHECK   a0, 0x7fffffff
    TEST 18
    li      a0, 0x7fffffff
    c.addw  a0, a1
    CHECK   a0, 0xffffffff80000000
    TEST 19
    li      a1, 1234
    c.mv    a0, a1
    CHECK   a0, 1234
    TEST 20
    li      a0, 1000
    li      t0, 234
    c.add   a0, t0
    CHECK   a0, 1234
    TEST 21
    c.nop
    c.nop

    /* Quadrant 0 and 2: loads and stores, register- and sp-based, with scaled offsets. */
    la      s0, buf
    li      a1, 0x0123456789abcdef
    TEST 30
    c.sd    a1, 248(s0)
    ld      a0, 248(s0)
    CHECK_EQ a0, a1
    TEST 31
    c.ld    a2, 248(s0)
    CHECK_EQ a2, a1
    TEST 32
    c.sw    a1, 124(s0)
    c.lw    a2, 124(s0)
    CHECK   a2, 0xffffffff89abcdef
    TEST 33
    fmv.d.x fa0, a1
    c.fsd   fa0, 8(s0)
    c.fld   fa1, 8(s0)
    fmv.x.d a2, fa1
    CHECK_EQ a2, a1
    mv      s1, sp
    mv      sp, s0
    TEST 34
    c.sdsp  a1, 504(sp)
    c.ldsp  a2, 504(sp)
    ld      a3, 504(s0)
    CHECK_EQ a2, a1
    CHECK_EQ a3, a1
    TEST 35
    c.swsp  a1, 252(sp)
    c.lwsp  a2, 252(sp)
    CHECK   a2, 0xffffffff89abcdef
    TEST 36
    li      a1, 0x4000000000000000
    fmv.d.x fa0, a1
    c.fsdsp fa0, 16(sp)
    c.fldsp fa1, 16(sp)
    fmv.x.d a2, fa1
    CHECK_EQ a2, a1
    mv      sp, s1

    /* Control transfer: c.j, c.jal is RV32-only, c.jr, c.jalr (link = pc + 2), c.beqz, c.bnez. */
    TEST 40
    c.j     1f
    j       fail
1:
    TEST 41
    la      a1, 2f
    c.jr    a1
    j       fail
2:
    TEST 42
    la      a1, 3f
    c.jalr  a1
4:  j       fail
3:  la      a2, 4b
    CHECK_EQ ra, a2
    TEST 43
    li      a0, 0
    c.beqz  a0, 5f
    j       fail
5:  li      a0, 1
    c.beqz  a0, fail_near
    TEST 44
    li      a0, 0x100000000          /* all 64 bits compare */
    c.bnez  a0, 6f
    j       fail
6:  li      a0, 0
    c.bnez  a0, fail_near
    j       7f
fail_near:
    j       fail
7:
    /* Backward c.bnez loop. */
    TEST 45
    li      a0, 5
    li      a1, 0
8:  c.addi  a1, 1
    c.addi  a0, -1
    c.bnez  a0, 8b
    CHECK   a1, 5

    /* c.ebreak raises a breakpoint with mepc at the 2-byte instruction. */
    TEST 50
    EXPECT_TRAP 9f
10: c.ebreak
    j       fail
9:  CHECK_CAUSE CAUSE_BREAKPOINT
    la      a1, 10b
    CHECK_EQ s11, a1

    /* The all-zero 16-bit word is a defined illegal instruction; mtval holds 0 either way. */
    TEST 51
    EXPECT_TRAP 11f
    .half   0x0000
    j       fail
11: CHECK_CAUSE CAUSE_ILLEGAL
    CHECK   s10, 0

    /* c.addi4spn with a zero immediate is reserved: illegal. */
    TEST 52
    EXPECT_TRAP 12f
    .half   0x0004                   /* c.addi4spn s1, sp, 0 */
    j       fail
12: CHECK_CAUSE CAUSE_ILLEGAL

    /* Other reserved encodings: c.jr with rs1 = x0, c.lwsp and c.ldsp with rd = x0, c.lui with
       a zero immediate. */
    TEST 54
    EXPECT_TRAP 13f
    .half   0x8002
    j       fail
13: CHECK_CAUSE CAUSE_ILLEGAL
    TEST 55
    EXPECT_TRAP 14f
    .half   0x4002
    j       fail
14: CHECK_CAUSE CAUSE_ILLEGAL
    TEST 56
    EXPECT_TRAP 15f
    .half   0x6002
    j       fail
15: CHECK_CAUSE CAUSE_ILLEGAL
    TEST 57
    EXPECT_TRAP 16f
    .half   0x6501
    j       fail
16: CHECK_CAUSE CAUSE_ILLEGAL

    /* Mixed 16/32-bit stream: a 32-bit instruction at a 2-byte aligned address. */
    TEST 53
    c.nop
    li      a0, 0x12345
    addi    a0, a0, 1
    CHECK   a0, 0x12346
    NO_TRAP
TEST_END

    .data
    .balign 8
buf:
    .skip   512
