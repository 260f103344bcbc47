/* RV64I control transfer (unprivileged spec 2.5): conditional branches taken and not taken in
   both directions, JAL/JALR link values, JALR clearing bit 0 of the target. */
#include "test.h"

/* Branch check: taken must be 1 if "op v1, v2" branches, 0 otherwise. */
.macro TEST_BR n, op, taken, v1, v2
    TEST    \n
    li      a1, \v1
    li      a2, \v2
    li      a0, 0
    \op     a1, a2, 1f
    j       2f
1:  li      a0, 1
2:  CHECK   a0, \taken
.endm

TEST_BEGIN
    TEST_BR  1, beq,  1, 5, 5
    TEST_BR  2, beq,  0, 5, 6
    TEST_BR  3, beq,  0, 0x100000000, 0     /* all 64 bits compare */
    TEST_BR  4, bne,  1, 0x100000000, 0
    TEST_BR  5, bne,  0, -1, -1
    TEST_BR  6, blt,  1, -1, 0
    TEST_BR  7, blt,  0, 0, -1
    TEST_BR  8, blt,  0, 7, 7
    TEST_BR  9, blt,  1, 0x8000000000000000, 0x7fffffffffffffff
    TEST_BR 10, bge,  1, 7, 7
    TEST_BR 11, bge,  1, 0, -1
    TEST_BR 12, bge,  0, -1, 0
    TEST_BR 13, bltu, 0, -1, 0
    TEST_BR 14, bltu, 1, 0, -1
    TEST_BR 15, bltu, 0, 3, 3
    TEST_BR 16, bgeu, 1, -1, 0
    TEST_BR 17, bgeu, 0, 0x7fffffffffffffff, 0x8000000000000000
    TEST_BR 18, bgeu, 1, 3, 3

    /* Backward branch: a loop counting down. */
    TEST 20
    li      a0, 10
    li      a1, 0
3:  addi    a1, a1, 1
    addi    a0, a0, -1
    bnez    a0, 3b
    CHECK   a1, 10

    /* JAL writes the address of the next instruction (pc + 4) to rd. */
    TEST 21
    jal     a0, 4f
5:  j       fail
4:  la      a1, 5b
    CHECK_EQ a0, a1

    /* JAL with rd = x0 is a plain jump. */
    TEST 22
    j       6f
    j       fail
6:

    /* JALR: target = (rs1 + imm) & ~1, link = pc + 4. */
    TEST 23
    la      a1, 7f
    addi    a1, a1, -8
    jalr    a0, 8(a1)
8:  j       fail
7:  la      a2, 8b
    CHECK_EQ a0, a2

    TEST 24
    la      a1, 9f
    addi    a1, a1, 1           /* odd target: bit 0 is cleared */
    jalr    a0, 0(a1)
    j       fail
9:

    /* JALR with rd == rs1 uses the old rs1 value as the target. */
    TEST 25
    la      a0, 10f
    jalr    a0, 0(a0)
11: j       fail
10: la      a1, 11b
    CHECK_EQ a0, a1

    /* Negative JALR offset. */
    TEST 26
    la      a1, 12f
    addi    a1, a1, 16
    jalr    x0, -16(a1)
    j       fail
12:

    /* A call and return through ra. */
    TEST 27
    li      a0, 0
    call    13f
    CHECK   a0, 99
    j       14f
13: li      a0, 99
    ret
14:

    /* A jump beyond the reach of a branch (+/-4 KiB). */
    TEST 28
    jal     x0, far_target
far_back:

TEST_END

    .text
    .skip   0x3000
far_target:
    j       far_back
