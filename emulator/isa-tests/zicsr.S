/* Zicsr and Zicntr (unprivileged spec chapters 9 and 10, privileged spec 2.1 and 3.1): the six
   CSR instructions and their read/write side effects, read-only CSRs, the fcsr/frm/fflags views,
   misa, counters counting, and counter access from S and U controlled by mcounteren/scounteren. */
#include "test.h"

#define CSR_CYCLE   0xc00
#define CSR_TIME    0xc01
#define CSR_INSTRET 0xc02

TEST_BEGIN
    /* csrrw returns the old value and writes the new one. */
    TEST  1
    li      a1, 0x1234
    csrw    mscratch, a1
    li      a2, 0x5678
    csrrw   a0, mscratch, a2
    CHECK   a0, 0x1234
    csrr    a0, mscratch
    CHECK   a0, 0x5678
    TEST  2
    li      a1, 0xf0
    csrrs   a0, mscratch, a1
    CHECK   a0, 0x5678
    csrr    a0, mscratch
    CHECK   a0, 0x56f8
    TEST  3
    li      a1, 0x5600
    csrrc   a0, mscratch, a1
    CHECK   a0, 0x56f8
    csrr    a0, mscratch
    CHECK   a0, 0x00f8
    TEST  4
    csrrwi  a0, mscratch, 31
    CHECK   a0, 0xf8
    csrrsi  a0, mscratch, 0x10
    CHECK   a0, 31
    csrrci  a0, mscratch, 3
    CHECK   a0, 31
    csrr    a0, mscratch
    CHECK   a0, 28
    TEST  5
    li      a1, -1
    csrw    mscratch, a1              /* MXLEN = 64: all 64 bits kept */
    csrr    a0, mscratch
    CHECK   a0, -1
    TEST  6
    csrrw   a0, mscratch, zero        /* rd = rs1 position unused; writes 0 */
    CHECK   a0, -1
    csrr    a0, mscratch
    CHECK   a0, 0
    TEST  7
    li      a0, 77
    csrw    mscratch, a0
    csrrw   a0, mscratch, a0          /* rd == rs1: old value out, old rs1 in */
    CHECK   a0, 77

    /* Read-only CSRs: reads fine, csrrs/csrrc with x0 and csrrsi/csrrci with 0 do not write,
       so they are legal; any real write is illegal, with mtval = the instruction. */
    TEST 10
    csrr    a0, mhartid
    CHECK   a0, 0
    csrrs   a0, mhartid, zero
    csrrci  a0, mhartid, 0
    csrr    a0, mvendorid
    csrr    a0, marchid
    csrr    a0, mimpid
    TEST 11
    EXPECT_TRAP 1f
2:  csrw    mhartid, zero
    j       fail
1:  CHECK_CAUSE CAUSE_ILLEGAL
    la      a1, 2b
    CHECK_EQ s11, a1
    lwu     a2, 0(a1)
    CHECK_EQ s10, a2
    TEST 12
    EXPECT_TRAP 3f
    csrrsi  a0, CSR_CYCLE, 1
    j       fail
3:  CHECK_CAUSE CAUSE_ILLEGAL
    TEST 13
    EXPECT_TRAP 4f
    li      a1, 1
    csrrc   a0, mvendorid, a1
    j       fail
4:  CHECK_CAUSE CAUSE_ILLEGAL
    TEST 14
    EXPECT_TRAP 5f
    csrr    a0, 0x7ff                 /* an unimplemented custom M CSR number */
    j       fail
5:  CHECK_CAUSE CAUSE_ILLEGAL
    NO_TRAP

    /* misa: RV64 (MXL = 2) with I, M, A, F, D, C, S and U. */
    TEST 20
    csrr    a0, misa
    srli    a1, a0, 62
    CHECK   a1, 2
    li      a1, (1 << 8) | (1 << 12) | (1 << 0) | (1 << 5) | (1 << 3) | (1 << 2) | (1 << 18) | (1 << 20)
    and     a0, a0, a1
    CHECK_EQ a0, a1

    /* fcsr = frm << 5 | fflags; the three CSRs are views of one register. */
    TEST 30
    li      a1, 0xff
    csrw    fcsr, a1
    csrr    a0, fcsr
    CHECK   a0, 0xff
    csrr    a0, frm
    CHECK   a0, 7
    csrr    a0, fflags
    CHECK   a0, 0x1f
    TEST 31
    csrwi   frm, 2
    csrr    a0, fcsr
    CHECK   a0, 0x5f
    csrwi   fflags, 0x05
    csrr    a0, fcsr
    CHECK   a0, 0x45
    TEST 32
    li      a1, 0xfff                 /* bits above 7 are reserved: read as zero */
    csrw    fcsr, a1
    csrr    a0, fcsr
    CHECK   a0, 0xff
    fsrm    a0, zero                  /* fsrm returns the old frm */
    CHECK   a0, 7
    fsflags a0, zero
    CHECK   a0, 0x1f
    frcsr   a0
    CHECK   a0, 0

    /* Counters count: cycle and instret move forward, time does not go back. */
    TEST 40
    rdinstret a0
    nop
    nop
    rdinstret a1
    bltu    a0, a1, 6f
    j       fail
6:  sub     a2, a1, a0
    li      a3, 3
    bgeu    a2, a3, 7f                /* at least the two nops and the first rdinstret */
    j       fail
7:
    TEST 41
    rdcycle a0
    li      a2, 100
8:  addi    a2, a2, -1
    bnez    a2, 8b
    rdcycle a1
    bltu    a0, a1, 9f
    j       fail
9:
    TEST 42
    rdtime  a0
    rdtime  a1
    bgeu    a1, a0, 10f
    j       fail
10:
    TEST 43
    csrr    a0, minstret
    csrr    a1, minstret
    bltu    a0, a1, 11f
    j       fail
11:
    /* minstret is writable and counts on from the written value (QEMU without icount counts
       host ticks, so only "not less" is checked). */
    TEST 44
    li      a1, 0x100000000000
    csrw    minstret, a1
    csrr    a0, minstret
    bgeu    a0, a1, 12f
    j       fail
12:
    /* S-mode counter access: illegal while mcounteren's bit is clear, fine once set. */
    TEST 50
    csrwi   mcounteren, 0
    EXPECT_TRAP 13f
    GOTO_MODE 1, 14f
14: rdcycle a0
    j       fail
13: CHECK_CAUSE CAUSE_ILLEGAL
    TEST 51
    csrwi   mcounteren, 7
    EXPECT_TRAP 15f
    GOTO_MODE 1, 16f
16: rdcycle a0
    rdtime  a0
    rdinstret a0
    li      s9, 0
    ecall
    j       fail
15: CHECK_CAUSE CAUSE_ECALL_S
    /* U-mode needs scounteren as well. */
    TEST 52
    csrwi   scounteren, 0
    EXPECT_TRAP 17f
    GOTO_MODE 0, 18f
18: rdtime  a0
    j       fail
17: CHECK_CAUSE CAUSE_ILLEGAL
    TEST 53
    csrwi   scounteren, 2
    EXPECT_TRAP 19f
    GOTO_MODE 0, 20f
20: rdtime  a0
    ecall
    j       fail
19: CHECK_CAUSE CAUSE_ECALL_U
    TEST 54
    EXPECT_TRAP 21f
    GOTO_MODE 0, 22f
22: rdcycle a0                        /* scounteren.CY is clear */
    j       fail
21: CHECK_CAUSE CAUSE_ILLEGAL

    /* M-level CSRs are out of reach from S-mode; S-level ones from U-mode. */
    TEST 60
    EXPECT_TRAP 23f
    GOTO_MODE 1, 24f
24: csrr    a0, mstatus
    j       fail
23: CHECK_CAUSE CAUSE_ILLEGAL
    TEST 61
    EXPECT_TRAP 25f
    GOTO_MODE 0, 26f
26: csrr    a0, sstatus
    j       fail
25: CHECK_CAUSE CAUSE_ILLEGAL
    TEST 62
    EXPECT_TRAP 27f
    GOTO_MODE 1, 28f
28: csrr    a0, sscratch               /* S CSRs are fine in S */
    csrr    a0, sstatus
    ecall
    j       fail
27: CHECK_CAUSE CAUSE_ECALL_S
    NO_TRAP

    /* sstatus is a view of mstatus. */
    TEST 70
    li      a1, MSTATUS_SUM
    csrs    sstatus, a1
    csrr    a0, mstatus
    and     a0, a0, a1
    CHECK_EQ a0, a1
    csrc    mstatus, a1
    csrr    a0, sstatus
    and     a0, a0, a1
    CHECK   a0, 0
    TEST 71
    csrr    a0, sstatus               /* M-only fields are invisible in sstatus */
    li      a1, MSTATUS_MPP | MSTATUS_MIE | MSTATUS_MPIE
    and     a0, a0, a1
    CHECK   a0, 0

    /* sie and sip show only what mideleg delegates; the rest reads as zero (privileged spec
       3.1.9). STIP is read-only through sip, SSIP writable. */
    TEST 80
    csrw    mideleg, zero
    li      t0, 0x222                  /* SEIE, STIE, SSIE */
    csrw    mie, t0
    csrr    a0, sie
    CHECK   a0, 0
    TEST 81
    csrw    mideleg, t0
    csrr    a0, sie
    CHECK   a0, 0x222
    csrw    sie, zero
    csrr    a0, mie
    CHECK   a0, 0
    TEST 82
    csrwi   sip, 0x2                   /* SSIP */
    csrr    a0, mip
    andi    a0, a0, 0x222
    CHECK   a0, 0x2
    csrwi   sip, 0
    TEST 83
    li      t1, 0x20
    csrs    sip, t1                    /* STIP: not writable through sip */
    csrr    a0, mip
    andi    a0, a0, 0x20
    CHECK   a0, 0
    csrw    mideleg, zero
TEST_END
