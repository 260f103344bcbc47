/* F and D non-arithmetic instructions (unprivileged spec 11.5-11.9, 12.2-12.6): fmin/fmax with
   NaNs and signed zeros, fsgnj/fsgnjn/fsgnjx on raw bits, compares and their NV rules, fclass,
   fmv moves, loads and stores, NaN-boxing of single values in 64-bit registers, and the
   mstatus.FS field (off makes FP illegal; writes make it Dirty and set SD). */
#include "test.h"
#include "fp.h"

#define DONE   0x3ff0000000000000
#define DTWO   0x4000000000000000
#define DMONE  0xbff0000000000000
#define DQNAN  0x7ff8000000000000
#define DSNAN  0x7ff0000000000001
#define DINF   0x7ff0000000000000
#define DNZERO 0x8000000000000000
#define SONE   0x3f800000
#define STWO   0x40000000
#define SMONE  0xbf800000
#define SQNAN  0x7fc00000
#define SSNAN  0x7f800001
#define SINF   0x7f800000
#define SNZERO 0x80000000

TEST_BEGIN
    /* fmin/fmax: a single NaN operand yields the other operand; only sNaN raises NV;
       two NaNs give the canonical NaN; -0 is less than +0. */
    FP_RRN_D  1, fmin.d, DMONE, 0, DONE, DMONE
    FP_RRN_D  2, fmax.d, DONE, 0, DONE, DMONE
    FP_RRN_D  3, fmin.d, DTWO, 0, DQNAN, DTWO
    FP_RRN_D  4, fmax.d, DTWO, 0, DTWO, DQNAN | 0x8000000000000000
    FP_RRN_D  5, fmin.d, DTWO, NV, DSNAN, DTWO
    FP_RRN_D  6, fmax.d, DQNAN, NV, DSNAN, DQNAN
    FP_RRN_D  7, fmin.d, DNZERO, 0, 0, DNZERO
    FP_RRN_D  8, fmax.d, 0, 0, DNZERO, 0
    FP_RRN_D  9, fmin.d, DINF | DNZERO, 0, DINF | DNZERO, DONE
    FP_RRN_S 10, fmin.s, SMONE, 0, SONE, SMONE
    FP_RRN_S 11, fmax.s, STWO, 0, SQNAN, STWO
    FP_RRN_S 12, fmin.s, STWO, NV, STWO, SSNAN
    FP_RRN_S 13, fmax.s, SQNAN, 0, SQNAN | 0x80000000, SQNAN | 1
    FP_RRN_S 14, fmin.s, SNZERO, 0, SNZERO, 0
    FP_RRN_S 15, fmax.s, 0, 0, 0, SNZERO

    /* Sign injection works on raw bits: NaN payloads pass through, no flags. */
    FP_RRN_D 20, fsgnj.d,  DMONE, 0, DONE, DNZERO
    FP_RRN_D 21, fsgnj.d,  DONE, 0, DMONE, 0
    FP_RRN_D 22, fsgnjn.d, DMONE, 0, DONE, 0
    FP_RRN_D 23, fsgnjn.d, DONE, 0, DONE, DNZERO
    FP_RRN_D 24, fsgnjx.d, DONE, 0, DMONE, DMONE
    FP_RRN_D 25, fsgnjx.d, DMONE, 0, DONE, DMONE
    FP_RRN_D 26, fsgnjn.d, 0xfff0000000000001, 0, DSNAN, DSNAN   /* fneg of an sNaN */
    FP_RRN_D 27, fsgnjx.d, 0x7ff8000000000123, 0, 0xfff8000000000123, DMONE
    FP_RRN_S 28, fsgnj.s,  SMONE, 0, SONE, SNZERO
    FP_RRN_S 29, fsgnjn.s, 0xff800001, 0, SSNAN, SSNAN
    FP_RRN_S 30, fsgnjx.s, SONE, 0, SMONE, SMONE

    /* Compares: feq is quiet (NV only for sNaN), flt/fle signal on any NaN. */
    FP_TOX_D 40, feq.d, none, 1, 0, DONE, DONE
    FP_TOX_D 41, feq.d, none, 0, 0, DQNAN, DQNAN
    FP_TOX_D 42, feq.d, none, 0, NV, DSNAN, DONE
    FP_TOX_D 43, feq.d, none, 1, 0, DNZERO, 0
    FP_TOX_D 44, flt.d, none, 1, 0, DMONE, DONE
    FP_TOX_D 45, flt.d, none, 0, 0, DNZERO, 0
    FP_TOX_D 46, flt.d, none, 0, NV, DQNAN, DONE
    FP_TOX_D 47, fle.d, none, 1, 0, DNZERO, 0
    FP_TOX_D 48, fle.d, none, 0, NV, DONE, DQNAN
    FP_TOX_D 49, fle.d, none, 1, 0, DINF | DNZERO, DMONE
    FP_TOX_S 50, feq.s, none, 1, 0, SONE, SONE
    FP_TOX_S 51, feq.s, none, 0, 0, SQNAN, SONE
    FP_TOX_S 52, feq.s, none, 0, NV, SONE, SSNAN
    FP_TOX_S 53, flt.s, none, 1, 0, SMONE, SNZERO
    FP_TOX_S 54, flt.s, none, 0, NV, SQNAN, SONE
    FP_TOX_S 55, fle.s, none, 1, 0, SONE, SONE
    FP_TOX_S 56, fle.s, none, 0, NV, SSNAN, SONE

    /* fclass: one bit for each of the ten classes. */
    FP_CLASS_D 60, 1 << 0, 0xfff0000000000000
    FP_CLASS_D 61, 1 << 1, DMONE
    FP_CLASS_D 62, 1 << 2, 0x800fffffffffffff
    FP_CLASS_D 63, 1 << 3, DNZERO
    FP_CLASS_D 64, 1 << 4, 0
    FP_CLASS_D 65, 1 << 5, 0x0000000000000001
    FP_CLASS_D 66, 1 << 6, 0x7fefffffffffffff
    FP_CLASS_D 67, 1 << 7, DINF
    FP_CLASS_D 68, 1 << 8, DSNAN
    FP_CLASS_D 69, 1 << 9, DQNAN
    FP_CLASS_D 70, 1 << 9, 0xfff8000000000001
    FP_CLASS_S 71, 1 << 0, 0xff800000
    FP_CLASS_S 72, 1 << 1, SMONE
    FP_CLASS_S 73, 1 << 2, 0x807fffff
    FP_CLASS_S 74, 1 << 3, SNZERO
    FP_CLASS_S 75, 1 << 4, 0
    FP_CLASS_S 76, 1 << 5, 0x00000001
    FP_CLASS_S 77, 1 << 6, 0x00800000
    FP_CLASS_S 78, 1 << 7, SINF
    FP_CLASS_S 79, 1 << 8, SSNAN
    FP_CLASS_S 80, 1 << 9, SQNAN

    /* Moves: fmv.x.w sign-extends bit 31; fmv.w.x NaN-boxes; fmv.d.x/fmv.x.d copy all bits. */
    TEST 90
    li      a1, 0x123456789abcdef0
    fmv.d.x f5, a1
    fmv.x.d a0, f5
    CHECK_EQ a0, a1
    TEST 91
    fmv.x.w a0, f5                    /* the low 32 bits, whatever the upper half holds */
    CHECK   a0, 0xffffffff9abcdef0
    TEST 92
    li      a1, 0x12345678
    fmv.w.x f5, a1
    fmv.x.d a0, f5
    CHECK   a0, 0xffffffff12345678
    TEST 93
    li      a1, 0x7fffffff
    fmv.w.x f5, a1
    fmv.x.w a0, f5
    CHECK   a0, 0x7fffffff

    /* A single operand that is not NaN-boxed reads as the canonical NaN (spec 12.2). */
    TEST 94
    li      a1, 0x000000003f800000     /* 1.0f without the all-ones upper half */
    fmv.d.x f1, a1
    li      a1, SONE
    fmv.w.x f2, a1
    fsflags zero
    fadd.s  f3, f1, f2
    frflags a1
    fmv.x.w a0, f3
    CHECKW  a0, SQNAN
    CHECK   a1, 0
    TEST 95
    fclass.s a0, f1
    CHECK   a0, 1 << 9
    TEST 96
    fsgnj.s f3, f1, f2
    fmv.x.w a0, f3
    CHECKW  a0, SQNAN
    TEST 97
    fcvt.d.s f3, f1
    fmv.x.d a0, f3
    CHECK   a0, DQNAN
    TEST 98
    feq.s   a0, f2, f2
    CHECK   a0, 1
    feq.s   a0, f1, f1
    CHECK   a0, 0
    TEST 99
    li      a1, 0xffffffff00000000    /* boxed +0.0f is an ordinary single */
    fmv.d.x f1, a1
    fclass.s a0, f1
    CHECK   a0, 1 << 4

    /* Loads and stores: flw NaN-boxes, fsw stores the low 32 bits as they are, fld/fsd all 64. */
    la      s0, fpdata
    TEST 100
    flw     f6, 0(s0)
    fmv.x.d a0, f6
    CHECK   a0, 0xffffffffc0490fdb
    TEST 101
    li      a1, 0x1122334455667788
    fmv.d.x f7, a1
    fsw     f7, 8(s0)                 /* not boxed: still the low word */
    lwu     a0, 8(s0)
    CHECK   a0, 0x55667788
    lwu     a0, 12(s0)
    CHECK   a0, 0
    TEST 102
    fsd     f7, 16(s0)
    ld      a0, 16(s0)
    CHECK_EQ a0, a1
    fld     f8, 16(s0)
    fmv.x.d a0, f8
    CHECK_EQ a0, a1
    TEST 103
    flw     f9, 2(s0)                 /* misaligned FP load, done in place */
    fmv.x.w a0, f9
    CHECKW  a0, 0x0000c049

    /* mstatus.FS: Off makes every FP instruction and fcsr access illegal. */
    TEST 110
    li      t0, MSTATUS_FS
    csrc    mstatus, t0
    EXPECT_TRAP 1f
    fadd.d  f3, f1, f2
    j       fail
1:  CHECK_CAUSE CAUSE_ILLEGAL
    TEST 111
    EXPECT_TRAP 2f
    csrr    a0, fcsr
    j       fail
2:  CHECK_CAUSE CAUSE_ILLEGAL
    TEST 112
    EXPECT_TRAP 3f
    fld     f3, 0(s0)
    j       fail
3:  CHECK_CAUSE CAUSE_ILLEGAL
    TEST 113
    EXPECT_TRAP 4f
    fmv.x.d a0, f3
    j       fail
4:  CHECK_CAUSE CAUSE_ILLEGAL
    NO_TRAP
    /* Initial (1): FP works, and writing an FP register or fflags makes FS Dirty (3) with SD. */
    TEST 114
    li      t0, 1 << 13
    csrs    mstatus, t0
    fmv.d.x f3, zero
    csrr    a0, mstatus
    srli    a1, a0, 13
    andi    a1, a1, 3
    CHECK   a1, 3
    srli    a1, a0, 63
    CHECK   a1, 1
    TEST 115
    li      t0, MSTATUS_FS
    csrc    mstatus, t0
    li      t0, 2 << 13               /* Clean */
    csrs    mstatus, t0
    csrr    a0, mstatus
    srli    a1, a0, 63
    CHECK   a1, 0                     /* SD only for Dirty */
    csrwi   fflags, 1
    csrr    a0, mstatus
    srli    a1, a0, 13
    andi    a1, a1, 3
    CHECK   a1, 3
    TEST 116
    csrr    a0, sstatus               /* FS and SD are visible in sstatus */
    srli    a1, a0, 13
    andi    a1, a1, 3
    CHECK   a1, 3
    srli    a1, a0, 63
    CHECK   a1, 1
TEST_END

    .data
    .balign 8
fpdata:
    .word   0xc0490fdb                /* -pi as a single */
    .word   0
    .dword  0
    .dword  0
