/* F extension arithmetic (unprivileged spec chapter 11): fadd, fsub, fmul, fdiv, fsqrt and the
   fused multiply-adds in every static rounding mode and with dynamic rounding through frm,
   checking result bits and fflags after each operation: overflow, underflow (tininess after
   rounding), invalid operations, division by zero, NaN inputs and signed zeros. Reserved
   rounding modes are illegal. Expected values follow IEEE 754-2008 rounding as the spec
   requires; the canonical NaN is the quiet NaN with sign 0 and only the top fraction bit set. */
#include "test.h"
#include "fp.h"

TEST_BEGIN
    /* Rounding: the same inexact operations in all five static rounding modes. */
    FP_RR_S   1, fadd.s, rne, 0x3f800000, 0x1, 0x3f800000, 0x33800000
    FP_RR_S   2, fadd.s, rtz, 0x3f800000, 0x1, 0x3f800000, 0x33800000
    FP_RR_S   3, fadd.s, rdn, 0x3f800000, 0x1, 0x3f800000, 0x33800000
    FP_RR_S   4, fadd.s, rup, 0x3f800001, 0x1, 0x3f800000, 0x33800000
    FP_RR_S   5, fadd.s, rmm, 0x3f800001, 0x1, 0x3f800000, 0x33800000
    FP_RR_S   6, fadd.s, rne, 0x3f800001, 0x1, 0x3f800000, 0x33c00000
    FP_RR_S   7, fadd.s, rtz, 0x3f800000, 0x1, 0x3f800000, 0x33c00000
    FP_RR_S   8, fadd.s, rdn, 0x3f800000, 0x1, 0x3f800000, 0x33c00000
    FP_RR_S   9, fadd.s, rup, 0x3f800001, 0x1, 0x3f800000, 0x33c00000
    FP_RR_S  10, fadd.s, rmm, 0x3f800001, 0x1, 0x3f800000, 0x33c00000
    FP_RR_S  11, fadd.s, rne, 0xbf800000, 0x1, 0xbf800000, 0xb3800000
    FP_RR_S  12, fadd.s, rtz, 0xbf800000, 0x1, 0xbf800000, 0xb3800000
    FP_RR_S  13, fadd.s, rdn, 0xbf800001, 0x1, 0xbf800000, 0xb3800000
    FP_RR_S  14, fadd.s, rup, 0xbf800000, 0x1, 0xbf800000, 0xb3800000
    FP_RR_S  15, fadd.s, rmm, 0xbf800001, 0x1, 0xbf800000, 0xb3800000
    FP_RR_S  16, fsub.s, rne, 0x3f800000, 0x1, 0x3f800000, 0x33000000
    FP_RR_S  17, fsub.s, rtz, 0x3f7fffff, 0x1, 0x3f800000, 0x33000000
    FP_RR_S  18, fsub.s, rdn, 0x3f7fffff, 0x1, 0x3f800000, 0x33000000
    FP_RR_S  19, fsub.s, rup, 0x3f800000, 0x1, 0x3f800000, 0x33000000
    FP_RR_S  20, fsub.s, rmm, 0x3f800000, 0x1, 0x3f800000, 0x33000000
    FP_RR_S  21, fmul.s, rne, 0x3f800002, 0x1, 0x3f800001, 0x3f800001
    FP_RR_S  22, fmul.s, rtz, 0x3f800002, 0x1, 0x3f800001, 0x3f800001
    FP_RR_S  23, fmul.s, rdn, 0x3f800002, 0x1, 0x3f800001, 0x3f800001
    FP_RR_S  24, fmul.s, rup, 0x3f800003, 0x1, 0x3f800001, 0x3f800001
    FP_RR_S  25, fmul.s, rmm, 0x3f800002, 0x1, 0x3f800001, 0x3f800001
    FP_RR_S  26, fdiv.s, rne, 0x3eaaaaab, 0x1, 0x3f800000, 0x40400000
    FP_RR_S  27, fdiv.s, rtz, 0x3eaaaaaa, 0x1, 0x3f800000, 0x40400000
    FP_RR_S  28, fdiv.s, rdn, 0x3eaaaaaa, 0x1, 0x3f800000, 0x40400000
    FP_RR_S  29, fdiv.s, rup, 0x3eaaaaab, 0x1, 0x3f800000, 0x40400000
    FP_RR_S  30, fdiv.s, rmm, 0x3eaaaaab, 0x1, 0x3f800000, 0x40400000
    FP_RR_S  31, fdiv.s, rne, 0xbeaaaaab, 0x1, 0xbf800000, 0x40400000
    FP_RR_S  32, fdiv.s, rtz, 0xbeaaaaaa, 0x1, 0xbf800000, 0x40400000
    FP_RR_S  33, fdiv.s, rdn, 0xbeaaaaab, 0x1, 0xbf800000, 0x40400000
    FP_RR_S  34, fdiv.s, rup, 0xbeaaaaaa, 0x1, 0xbf800000, 0x40400000
    FP_RR_S  35, fdiv.s, rmm, 0xbeaaaaab, 0x1, 0xbf800000, 0x40400000
    FP_R_S  36, fsqrt.s, rne, 0x3fb504f3, 0x1, 0x40000000
    FP_R_S  37, fsqrt.s, rtz, 0x3fb504f3, 0x1, 0x40000000
    FP_R_S  38, fsqrt.s, rdn, 0x3fb504f3, 0x1, 0x40000000
    FP_R_S  39, fsqrt.s, rup, 0x3fb504f4, 0x1, 0x40000000
    FP_R_S  40, fsqrt.s, rmm, 0x3fb504f3, 0x1, 0x40000000
    /* Exact results raise no flags. */
    FP_RR_S  41, fadd.s, rne, 0x40300000, 0x0, 0x3fc00000, 0x3fa00000
    FP_RR_S  42, fsub.s, rne, 0x0, 0x0, 0x3f800000, 0x3f800000
    FP_RR_S  43, fsub.s, rdn, 0x80000000, 0x0, 0x3f800000, 0x3f800000
    FP_RR_S  44, fmul.s, rne, 0xbf400000, 0x0, 0xc0400000, 0x3e800000
    FP_RR_S  45, fdiv.s, rne, 0xc0400000, 0x0, 0xc1100000, 0x40400000
    FP_R_S  46, fsqrt.s, rne, 0x3fc00000, 0x0, 0x40100000
    /* Overflow: to infinity or to the largest finite number, by rounding mode. */
    FP_RR_S  47, fadd.s, rne, 0x7f800000, 0x5, 0x7f7fffff, 0x7f7fffff
    FP_RR_S  48, fadd.s, rtz, 0x7f7fffff, 0x5, 0x7f7fffff, 0x7f7fffff
    FP_RR_S  49, fadd.s, rdn, 0x7f7fffff, 0x5, 0x7f7fffff, 0x7f7fffff
    FP_RR_S  50, fadd.s, rup, 0x7f800000, 0x5, 0x7f7fffff, 0x7f7fffff
    FP_RR_S  51, fadd.s, rmm, 0x7f800000, 0x5, 0x7f7fffff, 0x7f7fffff
    FP_RR_S  52, fmul.s, rne, 0xff800000, 0x5, 0xff7fffff, 0x40000000
    FP_RR_S  53, fmul.s, rtz, 0xff7fffff, 0x5, 0xff7fffff, 0x40000000
    FP_RR_S  54, fmul.s, rdn, 0xff800000, 0x5, 0xff7fffff, 0x40000000
    FP_RR_S  55, fmul.s, rup, 0xff7fffff, 0x5, 0xff7fffff, 0x40000000
    FP_RR_S  56, fmul.s, rmm, 0xff800000, 0x5, 0xff7fffff, 0x40000000
    /* Underflow: subnormal results; exact tiny results raise no underflow. */
    FP_RR_S  57, fmul.s, rne, 0x400000, 0x0, 0x800000, 0x3f000000
    FP_RR_S  58, fmul.s, rne, 0x0, 0x3, 0x1, 0x3f000000
    FP_RR_S  59, fmul.s, rtz, 0x0, 0x3, 0x1, 0x3f000000
    FP_RR_S  60, fmul.s, rdn, 0x0, 0x3, 0x1, 0x3f000000
    FP_RR_S  61, fmul.s, rup, 0x1, 0x3, 0x1, 0x3f000000
    FP_RR_S  62, fmul.s, rmm, 0x1, 0x3, 0x1, 0x3f000000
    FP_RR_S  63, fdiv.s, rne, 0x200001, 0x3, 0x800003, 0x40800000
    FP_RR_S  64, fdiv.s, rtz, 0x200000, 0x3, 0x800003, 0x40800000
    FP_RR_S  65, fdiv.s, rdn, 0x200000, 0x3, 0x800003, 0x40800000
    FP_RR_S  66, fdiv.s, rup, 0x200001, 0x3, 0x800003, 0x40800000
    FP_RR_S  67, fdiv.s, rmm, 0x200001, 0x3, 0x800003, 0x40800000
    FP_RR_S  68, fsub.s, rne, 0x7fffff, 0x0, 0x800000, 0x1
    /* Invalid operations give the canonical NaN and NV; x/0 gives infinity and DZ. */
    FP_RR_S  69, fadd.s, rne, 0x7fc00000, 0x10, 0x7f800000, 0xff800000
    FP_RR_S  70, fsub.s, rne, 0x7fc00000, 0x10, 0x7f800000, 0x7f800000
    FP_RR_S  71, fmul.s, rne, 0x7fc00000, 0x10, 0x7f800000, 0x0
    FP_RR_S  72, fdiv.s, rne, 0x7fc00000, 0x10, 0x0, 0x0
    FP_RR_S  73, fdiv.s, rne, 0x7fc00000, 0x10, 0x7f800000, 0xff800000
    FP_RR_S  74, fdiv.s, rne, 0x7f800000, 0x8, 0x3f800000, 0x0
    FP_RR_S  75, fdiv.s, rne, 0xff800000, 0x8, 0x3f800000, 0x80000000
    FP_RR_S  76, fdiv.s, rne, 0xff800000, 0x8, 0xbf800000, 0x0
    FP_RR_S  77, fdiv.s, rne, 0x0, 0x0, 0x3f800000, 0x7f800000
    FP_R_S  78, fsqrt.s, rne, 0x7fc00000, 0x10, 0xbf800000
    FP_R_S  79, fsqrt.s, rne, 0x80000000, 0x0, 0x80000000
    FP_R_S  80, fsqrt.s, rne, 0x7f800000, 0x0, 0x7f800000
    FP_R_S  81, fsqrt.s, rne, 0x7fc00000, 0x10, 0xff800000
    /* NaN inputs: quiet NaNs propagate silently as the canonical NaN, signaling ones raise NV. */
    FP_RR_S  82, fadd.s, rne, 0x7fc00000, 0x0, 0x7fc00005, 0x3f800000
    FP_RR_S  83, fadd.s, rne, 0x7fc00000, 0x10, 0x7f800001, 0x3f800000
    FP_RR_S  84, fmul.s, rne, 0x7fc00000, 0x10, 0x3f800000, 0xff800001
    FP_RR_S  85, fdiv.s, rne, 0x7fc00000, 0x0, 0xffc00000, 0x3f800000
    FP_R_S  86, fsqrt.s, rne, 0x7fc00000, 0x10, 0x7f800001
    FP_R_S  87, fsqrt.s, rne, 0x7fc00000, 0x0, 0xffc00000
    /* Infinity arithmetic. */
    FP_RR_S  88, fadd.s, rne, 0x7f800000, 0x0, 0x7f800000, 0xff7fffff
    FP_RR_S  89, fmul.s, rne, 0xff800000, 0x0, 0x7f800000, 0xbf800000
    FP_RR_S  90, fsub.s, rne, 0xff800000, 0x0, 0x3f800000, 0x7f800000
    /* Signed zeros: -0 + -0 = -0, +0 + -0 = +0 (or -0 rounding down). */
    FP_RR_S  91, fadd.s, rne, 0x80000000, 0x0, 0x80000000, 0x80000000
    FP_RR_S  92, fadd.s, rne, 0x0, 0x0, 0x0, 0x80000000
    FP_RR_S  93, fadd.s, rdn, 0x80000000, 0x0, 0x0, 0x80000000
    FP_RR_S  94, fmul.s, rne, 0x80000000, 0x0, 0x0, 0xbf800000
    /* Fused multiply-add rounds once: (1 + e)^2 - (1 + 2e) leaves exactly e^2. */
    FP_RRR_S  95, fmadd.s, rne, 0x30800000, 0x0, 0x3f800100, 0x3f800100, 0xbf800200
    FP_RRR_S  96, fmadd.s, rne, 0x40000100, 0x1, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S  97, fmadd.s, rtz, 0x40000100, 0x1, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S  98, fmadd.s, rdn, 0x40000100, 0x1, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S  99, fmadd.s, rup, 0x40000101, 0x1, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 100, fmadd.s, rmm, 0x40000100, 0x1, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 101, fmsub.s, rne, 0x38800080, 0x0, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 102, fmsub.s, rtz, 0x38800080, 0x0, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 103, fmsub.s, rdn, 0x38800080, 0x0, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 104, fmsub.s, rup, 0x38800080, 0x0, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 105, fmsub.s, rmm, 0x38800080, 0x0, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 106, fnmsub.s, rne, 0xb8800080, 0x0, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 107, fnmsub.s, rtz, 0xb8800080, 0x0, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 108, fnmsub.s, rdn, 0xb8800080, 0x0, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 109, fnmsub.s, rup, 0xb8800080, 0x0, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 110, fnmsub.s, rmm, 0xb8800080, 0x0, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 111, fnmadd.s, rne, 0xc0000100, 0x1, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 112, fnmadd.s, rtz, 0xc0000100, 0x1, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 113, fnmadd.s, rdn, 0xc0000101, 0x1, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 114, fnmadd.s, rup, 0xc0000100, 0x1, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 115, fnmadd.s, rmm, 0xc0000100, 0x1, 0x3f800100, 0x3f800100, 0x3f800000
    FP_RRR_S 116, fmadd.s, rne, 0x0, 0x0, 0x40000000, 0x40400000, 0xc0c00000
    FP_RRR_S 117, fmadd.s, rdn, 0x80000000, 0x0, 0x40000000, 0x40400000, 0xc0c00000
    FP_RRR_S 118, fmsub.s, rne, 0x40a00000, 0x0, 0x40000000, 0x40400000, 0x3f800000
    FP_RRR_S 119, fnmadd.s, rne, 0xc0e00000, 0x0, 0x40000000, 0x40400000, 0x3f800000
    FP_RRR_S 120, fnmsub.s, rne, 0xc0a00000, 0x0, 0x40000000, 0x40400000, 0x3f800000
    FP_RRR_S 121, fmadd.s, rne, 0x7fc00000, 0x10, 0x7f800000, 0x0, 0x7fc00000
    FP_RRR_S 122, fmadd.s, rne, 0x7fc00000, 0x10, 0x7f800000, 0x3f800000, 0xff800000
    FP_RRR_S 123, fmadd.s, rne, 0x7fc00000, 0x0, 0x3f800000, 0x3f800000, 0x7fc00000
    FP_RRR_S 124, fmadd.s, rne, 0x7fc00000, 0x10, 0x3f800000, 0x3f800000, 0x7f800001
    FP_RRR_S 125, fmadd.s, rne, 0x7f7fffff, 0x0, 0x7f7fffff, 0x40000000, 0xff7fffff
    FP_RRR_S 126, fmadd.s, rne, 0x7f800000, 0x5, 0x7f7fffff, 0x40000000, 0x0
    FP_RRR_S 127, fmadd.s, rtz, 0x7f7fffff, 0x5, 0x7f7fffff, 0x40000000, 0x0
    /* Tininess is detected after rounding: a product just below the smallest normal that rounds
       up to it raises NX only; rounding toward zero leaves it subnormal, raising UF too. */
    FP_RR_S 128, fmul.s, rne, 0x800000, 0x1, 0x3f800001, 0x7fffff
    FP_RR_S 129, fmul.s, rtz, 0x7fffff, 0x3, 0x3f800001, 0x7fffff
    FP_RR_S 130, fmul.s, rdn, 0x7fffff, 0x3, 0x3f800001, 0x7fffff
    FP_RR_S 131, fmul.s, rup, 0x800000, 0x1, 0x3f800001, 0x7fffff
    FP_RR_S 132, fmul.s, rmm, 0x800000, 0x1, 0x3f800001, 0x7fffff
    FP_RRR_S 133, fmadd.s, rne, 0x800000, 0x1, 0x3f800001, 0x7fffff, 0x0
    FP_RRR_S 134, fmadd.s, rtz, 0x7fffff, 0x3, 0x3f800001, 0x7fffff, 0x0

    /* Dynamic rounding: rm = dyn takes the mode from frm (1 + half an ulp, a tie). */
    TEST    200
    FP_IN_S 0x3f800000, 0x33800000, 0
    fsrmi   0
    fadd.s  f3, f1, f2, dyn
    fsrmi   0
    FP_OUT_S 0x3f800000, 0x1
    TEST    201
    FP_IN_S 0x3f800000, 0x33800000, 0
    fsrmi   1
    fadd.s  f3, f1, f2, dyn
    fsrmi   0
    FP_OUT_S 0x3f800000, 0x1
    TEST    202
    FP_IN_S 0x3f800000, 0x33800000, 0
    fsrmi   2
    fadd.s  f3, f1, f2, dyn
    fsrmi   0
    FP_OUT_S 0x3f800000, 0x1
    TEST    203
    FP_IN_S 0x3f800000, 0x33800000, 0
    fsrmi   3
    fadd.s  f3, f1, f2, dyn
    fsrmi   0
    FP_OUT_S 0x3f800001, 0x1
    TEST    204
    FP_IN_S 0x3f800000, 0x33800000, 0
    fsrmi   4
    fadd.s  f3, f1, f2, dyn
    fsrmi   0
    FP_OUT_S 0x3f800001, 0x1

    /* fflags is sticky: flags of consecutive operations accumulate until cleared. */
    TEST    210
    FP_IN_S 0x3f800000, 0, 0x33800000
    fdiv.s  f3, f1, f2              /* DZ */
    fadd.s  f3, f1, f4              /* NX */
    frflags a1
    CHECK   a1, DZ | NX
    fsub.s  f3, f1, f1              /* exact: flags stay */
    frflags a1
    CHECK   a1, DZ | NX

    /* Reserved rounding modes: static rm 5 and 6 are illegal, and dyn is illegal while frm
       holds 5, 6 or 7. */
    TEST    220
    EXPECT_TRAP 1f
    .insn r 0x53, 5, 0, f3, f1, f2          /* fadd with rm = 5 */
    j       fail
1:  CHECK_CAUSE CAUSE_ILLEGAL
    TEST    221
    EXPECT_TRAP 2f
    .insn r 0x53, 6, 0, f3, f1, f2          /* fadd with rm = 6 */
    j       fail
2:  CHECK_CAUSE CAUSE_ILLEGAL
    TEST    222
    fsrmi   5
    EXPECT_TRAP 3f
    fadd.s  f3, f1, f2, dyn
    j       fail
3:  CHECK_CAUSE CAUSE_ILLEGAL
    TEST    223
    fsrmi   7
    EXPECT_TRAP 4f
    fmul.s  f3, f1, f2, dyn
    j       fail
4:  CHECK_CAUSE CAUSE_ILLEGAL
    /* ... but operations without rounding ignore a bad frm. */
    TEST    224
    fsgnj.s f3, f1, f2
    fsrmi   0
    NO_TRAP
TEST_END
