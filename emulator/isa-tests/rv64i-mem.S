/* RV64I loads and stores (unprivileged spec 2.6 and 4.3): every width, sign and zero extension,
   positive and negative offsets, store-to-load forwarding, and misaligned accesses.
   Misaligned loads and stores of normal RAM are performed in place by both QEMU virt and our
   emulator (the spec allows that or a trap; checks 40.. depend on the in-place choice), including
   one that crosses a 4 KiB page boundary. FENCE and FENCE.I must be harmless. */
#include "test.h"

TEST_BEGIN
    la      s0, data
    /* Loads of the pattern 0x8899aabbccddeeff ... */
    TEST  1
    ld      a0, 0(s0)
    CHECK   a0, 0xf0debc9a78563412
    TEST  2
    lw      a0, 4(s0)
    CHECK   a0, 0xfffffffff0debc9a
    TEST  3
    lwu     a0, 4(s0)
    CHECK   a0, 0x00000000f0debc9a
    TEST  4
    lw      a0, 0(s0)
    CHECK   a0, 0x0000000078563412
    TEST  5
    lh      a0, 6(s0)
    CHECK   a0, 0xfffffffffffff0de
    TEST  6
    lhu     a0, 6(s0)
    CHECK   a0, 0x000000000000f0de
    TEST  7
    lh      a0, 2(s0)
    CHECK   a0, 0x0000000000007856
    TEST  8
    lb      a0, 7(s0)
    CHECK   a0, 0xfffffffffffffff0
    TEST  9
    lbu     a0, 7(s0)
    CHECK   a0, 0x00000000000000f0
    TEST 10
    lb      a0, 1(s0)
    CHECK   a0, 0x34
    TEST 11
    addi    a1, s0, 16
    ld      a0, -16(a1)         /* negative offset */
    CHECK   a0, 0xf0debc9a78563412
    TEST 12
    addi    a1, s0, -2047
    lbu     a0, 2047(a1)        /* largest positive offset */
    CHECK   a0, 0x12

    /* Stores of each width only change their bytes. */
    la      s1, scratch
    li      a0, -1
    sd      a0, 0(s1)
    sd      a0, 8(s1)
    TEST 20
    sb      zero, 1(s1)
    ld      a0, 0(s1)
    CHECK   a0, 0xffffffffffff00ff
    TEST 21
    li      a1, 0x1234
    sh      a1, 2(s1)
    ld      a0, 0(s1)
    CHECK   a0, 0xffffffff123400ff
    TEST 22
    li      a1, 0x89abcdef
    sw      a1, 4(s1)
    ld      a0, 0(s1)
    CHECK   a0, 0x89abcdef123400ff
    TEST 23
    li      a1, 0x0102030405060708
    sd      a1, 8(s1)
    lbu     a0, 8(s1)
    CHECK   a0, 0x08
    TEST 24
    lbu     a0, 15(s1)
    CHECK   a0, 0x01
    TEST 25
    addi    a2, s1, 32
    sw      a1, -16(a2)         /* negative store offset: only the low word */
    ld      a0, 16(s1)
    li      a3, 0x05060708
    lwu     a4, 16(s1)
    CHECK_EQ a3, a4

    /* Misaligned accesses performed in place. */
    la      s2, scratch2
    li      a0, 0x0807060504030201
    sd      a0, 0(s2)
    li      a0, 0x100f0e0d0c0b0a09
    sd      a0, 8(s2)
    TEST 40
    ld      a0, 1(s2)
    CHECK   a0, 0x0908070605040302
    TEST 41
    lw      a0, 3(s2)
    CHECK   a0, 0x07060504
    TEST 42
    lh      a0, 7(s2)
    CHECK   a0, 0x0908
    TEST 43
    lwu     a0, 6(s2)
    CHECK   a0, 0x0a090807
    TEST 44
    li      a1, 0xa1a2a3a4a5a6a7a8
    sd      a1, 5(s2)
    ld      a0, 0(s2)
    CHECK   a0, 0xa6a7a80504030201
    TEST 45
    ld      a0, 8(s2)
    CHECK   a0, 0x100f0ea1a2a3a4a5
    TEST 46
    li      a1, 0xbbcc
    sh      a1, 3(s2)
    lw      a0, 2(s2)
    CHECK   a0, 0xffffffffa8bbcc03
    /* Across a page boundary. */
    la      s3, page2
    TEST 47
    li      a1, 0x1122334455667788
    sd      a1, -3(s3)
    ld      a0, -3(s3)
    CHECK_EQ a0, a1
    TEST 48
    lbu     a0, 0(s3)
    CHECK   a0, 0x55
    TEST 49
    lw      a0, -2(s3)
    CHECK   a0, 0x44556677

    /* FENCE / FENCE.I: no architectural effect here, and code written by stores runs after FENCE.I. */
    TEST 60
    fence
    fence   rw, rw
    fence.i
    la      a1, patch
    li      a2, 0x02a00513      /* addi a0, zero, 42 */
    sw      a2, 0(a1)
    fence.i
    li      a0, 0
patch:
    .word   0x00000013          /* a 4-byte NOP (the assembler would emit C.NOP) */
    CHECK   a0, 42

TEST_END

    .data
    .balign 8
data:
    .dword  0xf0debc9a78563412
scratch:
    .skip   32
scratch2:
    .skip   16
    .balign 4096
    .skip   4088
    .skip   8
page2:
    .skip   16
