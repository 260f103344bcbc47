/* D extension arithmetic (unprivileged spec chapter 12): fadd, fsub, fmul, fdiv, fsqrt and the
   fused multiply-adds in every static rounding mode and with dynamic rounding through frm,
   checking result bits and fflags after each operation: overflow, underflow (tininess after
   rounding), invalid operations, division by zero, NaN inputs and signed zeros. Reserved
   rounding modes are illegal. Expected values follow IEEE 754-2008 rounding as the spec
   requires; the canonical NaN is the quiet NaN with sign 0 and only the top fraction bit set. */
#include "test.h"
#include "fp.h"

TEST_BEGIN
    /* Rounding: the same inexact operations in all five static rounding modes. */
    FP_RR_D   1, fadd.d, rne, 0x3ff0000000000000, 0x1, 0x3ff0000000000000, 0x3ca0000000000000
    FP_RR_D   2, fadd.d, rtz, 0x3ff0000000000000, 0x1, 0x3ff0000000000000, 0x3ca0000000000000
    FP_RR_D   3, fadd.d, rdn, 0x3ff0000000000000, 0x1, 0x3ff0000000000000, 0x3ca0000000000000
    FP_RR_D   4, fadd.d, rup, 0x3ff0000000000001, 0x1, 0x3ff0000000000000, 0x3ca0000000000000
    FP_RR_D   5, fadd.d, rmm, 0x3ff0000000000001, 0x1, 0x3ff0000000000000, 0x3ca0000000000000
    FP_RR_D   6, fadd.d, rne, 0x3ff0000000000001, 0x1, 0x3ff0000000000000, 0x3ca8000000000000
    FP_RR_D   7, fadd.d, rtz, 0x3ff0000000000000, 0x1, 0x3ff0000000000000, 0x3ca8000000000000
    FP_RR_D   8, fadd.d, rdn, 0x3ff0000000000000, 0x1, 0x3ff0000000000000, 0x3ca8000000000000
    FP_RR_D   9, fadd.d, rup, 0x3ff0000000000001, 0x1, 0x3ff0000000000000, 0x3ca8000000000000
    FP_RR_D  10, fadd.d, rmm, 0x3ff0000000000001, 0x1, 0x3ff0000000000000, 0x3ca8000000000000
    FP_RR_D  11, fadd.d, rne, 0xbff0000000000000, 0x1, 0xbff0000000000000, 0xbca0000000000000
    FP_RR_D  12, fadd.d, rtz, 0xbff0000000000000, 0x1, 0xbff0000000000000, 0xbca0000000000000
    FP_RR_D  13, fadd.d, rdn, 0xbff0000000000001, 0x1, 0xbff0000000000000, 0xbca0000000000000
    FP_RR_D  14, fadd.d, rup, 0xbff0000000000000, 0x1, 0xbff0000000000000, 0xbca0000000000000
    FP_RR_D  15, fadd.d, rmm, 0xbff0000000000001, 0x1, 0xbff0000000000000, 0xbca0000000000000
    FP_RR_D  16, fsub.d, rne, 0x3ff0000000000000, 0x1, 0x3ff0000000000000, 0x3c90000000000000
    FP_RR_D  17, fsub.d, rtz, 0x3fefffffffffffff, 0x1, 0x3ff0000000000000, 0x3c90000000000000
    FP_RR_D  18, fsub.d, rdn, 0x3fefffffffffffff, 0x1, 0x3ff0000000000000, 0x3c90000000000000
    FP_RR_D  19, fsub.d, rup, 0x3ff0000000000000, 0x1, 0x3ff0000000000000, 0x3c90000000000000
    FP_RR_D  20, fsub.d, rmm, 0x3ff0000000000000, 0x1, 0x3ff0000000000000, 0x3c90000000000000
    FP_RR_D  21, fmul.d, rne, 0x3ff0000000000002, 0x1, 0x3ff0000000000001, 0x3ff0000000000001
    FP_RR_D  22, fmul.d, rtz, 0x3ff0000000000002, 0x1, 0x3ff0000000000001, 0x3ff0000000000001
    FP_RR_D  23, fmul.d, rdn, 0x3ff0000000000002, 0x1, 0x3ff0000000000001, 0x3ff0000000000001
    FP_RR_D  24, fmul.d, rup, 0x3ff0000000000003, 0x1, 0x3ff0000000000001, 0x3ff0000000000001
    FP_RR_D  25, fmul.d, rmm, 0x3ff0000000000002, 0x1, 0x3ff0000000000001, 0x3ff0000000000001
    FP_RR_D  26, fdiv.d, rne, 0x3fd5555555555555, 0x1, 0x3ff0000000000000, 0x4008000000000000
    FP_RR_D  27, fdiv.d, rtz, 0x3fd5555555555555, 0x1, 0x3ff0000000000000, 0x4008000000000000
    FP_RR_D  28, fdiv.d, rdn, 0x3fd5555555555555, 0x1, 0x3ff0000000000000, 0x4008000000000000
    FP_RR_D  29, fdiv.d, rup, 0x3fd5555555555556, 0x1, 0x3ff0000000000000, 0x4008000000000000
    FP_RR_D  30, fdiv.d, rmm, 0x3fd5555555555555, 0x1, 0x3ff0000000000000, 0x4008000000000000
    FP_RR_D  31, fdiv.d, rne, 0xbfd5555555555555, 0x1, 0xbff0000000000000, 0x4008000000000000
    FP_RR_D  32, fdiv.d, rtz, 0xbfd5555555555555, 0x1, 0xbff0000000000000, 0x4008000000000000
    FP_RR_D  33, fdiv.d, rdn, 0xbfd5555555555556, 0x1, 0xbff0000000000000, 0x4008000000000000
    FP_RR_D  34, fdiv.d, rup, 0xbfd5555555555555, 0x1, 0xbff0000000000000, 0x4008000000000000
    FP_RR_D  35, fdiv.d, rmm, 0xbfd5555555555555, 0x1, 0xbff0000000000000, 0x4008000000000000
    FP_R_D  36, fsqrt.d, rne, 0x3ff6a09e667f3bcd, 0x1, 0x4000000000000000
    FP_R_D  37, fsqrt.d, rtz, 0x3ff6a09e667f3bcc, 0x1, 0x4000000000000000
    FP_R_D  38, fsqrt.d, rdn, 0x3ff6a09e667f3bcc, 0x1, 0x4000000000000000
    FP_R_D  39, fsqrt.d, rup, 0x3ff6a09e667f3bcd, 0x1, 0x4000000000000000
    FP_R_D  40, fsqrt.d, rmm, 0x3ff6a09e667f3bcd, 0x1, 0x4000000000000000
    /* Exact results raise no flags. */
    FP_RR_D  41, fadd.d, rne, 0x4006000000000000, 0x0, 0x3ff8000000000000, 0x3ff4000000000000
    FP_RR_D  42, fsub.d, rne, 0x0, 0x0, 0x3ff0000000000000, 0x3ff0000000000000
    FP_RR_D  43, fsub.d, rdn, 0x8000000000000000, 0x0, 0x3ff0000000000000, 0x3ff0000000000000
    FP_RR_D  44, fmul.d, rne, 0xbfe8000000000000, 0x0, 0xc008000000000000, 0x3fd0000000000000
    FP_RR_D  45, fdiv.d, rne, 0xc008000000000000, 0x0, 0xc022000000000000, 0x4008000000000000
    FP_R_D  46, fsqrt.d, rne, 0x3ff8000000000000, 0x0, 0x4002000000000000
    /* Overflow: to infinity or to the largest finite number, by rounding mode. */
    FP_RR_D  47, fadd.d, rne, 0x7ff0000000000000, 0x5, 0x7fefffffffffffff, 0x7fefffffffffffff
    FP_RR_D  48, fadd.d, rtz, 0x7fefffffffffffff, 0x5, 0x7fefffffffffffff, 0x7fefffffffffffff
    FP_RR_D  49, fadd.d, rdn, 0x7fefffffffffffff, 0x5, 0x7fefffffffffffff, 0x7fefffffffffffff
    FP_RR_D  50, fadd.d, rup, 0x7ff0000000000000, 0x5, 0x7fefffffffffffff, 0x7fefffffffffffff
    FP_RR_D  51, fadd.d, rmm, 0x7ff0000000000000, 0x5, 0x7fefffffffffffff, 0x7fefffffffffffff
    FP_RR_D  52, fmul.d, rne, 0xfff0000000000000, 0x5, 0xffefffffffffffff, 0x4000000000000000
    FP_RR_D  53, fmul.d, rtz, 0xffefffffffffffff, 0x5, 0xffefffffffffffff, 0x4000000000000000
    FP_RR_D  54, fmul.d, rdn, 0xfff0000000000000, 0x5, 0xffefffffffffffff, 0x4000000000000000
    FP_RR_D  55, fmul.d, rup, 0xffefffffffffffff, 0x5, 0xffefffffffffffff, 0x4000000000000000
    FP_RR_D  56, fmul.d, rmm, 0xfff0000000000000, 0x5, 0xffefffffffffffff, 0x4000000000000000
    /* Underflow: subnormal results; exact tiny results raise no underflow. */
    FP_RR_D  57, fmul.d, rne, 0x8000000000000, 0x0, 0x10000000000000, 0x3fe0000000000000
    FP_RR_D  58, fmul.d, rne, 0x0, 0x3, 0x1, 0x3fe0000000000000
    FP_RR_D  59, fmul.d, rtz, 0x0, 0x3, 0x1, 0x3fe0000000000000
    FP_RR_D  60, fmul.d, rdn, 0x0, 0x3, 0x1, 0x3fe0000000000000
    FP_RR_D  61, fmul.d, rup, 0x1, 0x3, 0x1, 0x3fe0000000000000
    FP_RR_D  62, fmul.d, rmm, 0x1, 0x3, 0x1, 0x3fe0000000000000
    FP_RR_D  63, fdiv.d, rne, 0x4000000000001, 0x3, 0x10000000000003, 0x4010000000000000
    FP_RR_D  64, fdiv.d, rtz, 0x4000000000000, 0x3, 0x10000000000003, 0x4010000000000000
    FP_RR_D  65, fdiv.d, rdn, 0x4000000000000, 0x3, 0x10000000000003, 0x4010000000000000
    FP_RR_D  66, fdiv.d, rup, 0x4000000000001, 0x3, 0x10000000000003, 0x4010000000000000
    FP_RR_D  67, fdiv.d, rmm, 0x4000000000001, 0x3, 0x10000000000003, 0x4010000000000000
    FP_RR_D  68, fsub.d, rne, 0xfffffffffffff, 0x0, 0x10000000000000, 0x1
    /* Invalid operations give the canonical NaN and NV; x/0 gives infinity and DZ. */
    FP_RR_D  69, fadd.d, rne, 0x7ff8000000000000, 0x10, 0x7ff0000000000000, 0xfff0000000000000
    FP_RR_D  70, fsub.d, rne, 0x7ff8000000000000, 0x10, 0x7ff0000000000000, 0x7ff0000000000000
    FP_RR_D  71, fmul.d, rne, 0x7ff8000000000000, 0x10, 0x7ff0000000000000, 0x0
    FP_RR_D  72, fdiv.d, rne, 0x7ff8000000000000, 0x10, 0x0, 0x0
    FP_RR_D  73, fdiv.d, rne, 0x7ff8000000000000, 0x10, 0x7ff0000000000000, 0xfff0000000000000
    FP_RR_D  74, fdiv.d, rne, 0x7ff0000000000000, 0x8, 0x3ff0000000000000, 0x0
    FP_RR_D  75, fdiv.d, rne, 0xfff0000000000000, 0x8, 0x3ff0000000000000, 0x8000000000000000
    FP_RR_D  76, fdiv.d, rne, 0xfff0000000000000, 0x8, 0xbff0000000000000, 0x0
    FP_RR_D  77, fdiv.d, rne, 0x0, 0x0, 0x3ff0000000000000, 0x7ff0000000000000
    FP_R_D  78, fsqrt.d, rne, 0x7ff8000000000000, 0x10, 0xbff0000000000000
    FP_R_D  79, fsqrt.d, rne, 0x8000000000000000, 0x0, 0x8000000000000000
    FP_R_D  80, fsqrt.d, rne, 0x7ff0000000000000, 0x0, 0x7ff0000000000000
    FP_R_D  81, fsqrt.d, rne, 0x7ff8000000000000, 0x10, 0xfff0000000000000
    /* NaN inputs: quiet NaNs propagate silently as the canonical NaN, signaling ones raise NV. */
    FP_RR_D  82, fadd.d, rne, 0x7ff8000000000000, 0x0, 0x7ff8000000000005, 0x3ff0000000000000
    FP_RR_D  83, fadd.d, rne, 0x7ff8000000000000, 0x10, 0x7ff0000000000001, 0x3ff0000000000000
    FP_RR_D  84, fmul.d, rne, 0x7ff8000000000000, 0x10, 0x3ff0000000000000, 0xfff0000000000001
    FP_RR_D  85, fdiv.d, rne, 0x7ff8000000000000, 0x0, 0xfff8000000000000, 0x3ff0000000000000
    FP_R_D  86, fsqrt.d, rne, 0x7ff8000000000000, 0x10, 0x7ff0000000000001
    FP_R_D  87, fsqrt.d, rne, 0x7ff8000000000000, 0x0, 0xfff8000000000000
    /* Infinity arithmetic. */
    FP_RR_D  88, fadd.d, rne, 0x7ff0000000000000, 0x0, 0x7ff0000000000000, 0xffefffffffffffff
    FP_RR_D  89, fmul.d, rne, 0xfff0000000000000, 0x0, 0x7ff0000000000000, 0xbff0000000000000
    FP_RR_D  90, fsub.d, rne, 0xfff0000000000000, 0x0, 0x3ff0000000000000, 0x7ff0000000000000
    /* Signed zeros: -0 + -0 = -0, +0 + -0 = +0 (or -0 rounding down). */
    FP_RR_D  91, fadd.d, rne, 0x8000000000000000, 0x0, 0x8000000000000000, 0x8000000000000000
    FP_RR_D  92, fadd.d, rne, 0x0, 0x0, 0x0, 0x8000000000000000
    FP_RR_D  93, fadd.d, rdn, 0x8000000000000000, 0x0, 0x0, 0x8000000000000000
    FP_RR_D  94, fmul.d, rne, 0x8000000000000000, 0x0, 0x0, 0xbff0000000000000
    /* Fused multiply-add rounds once: (1 + e)^2 - (1 + 2e) leaves exactly e^2. */
    FP_RRR_D  95, fmadd.d, rne, 0x3c30000000000000, 0x0, 0x3ff0000000400000, 0x3ff0000000400000, 0xbff0000000800000
    FP_RRR_D  96, fmadd.d, rne, 0x4000000000400000, 0x1, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D  97, fmadd.d, rtz, 0x4000000000400000, 0x1, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D  98, fmadd.d, rdn, 0x4000000000400000, 0x1, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D  99, fmadd.d, rup, 0x4000000000400001, 0x1, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 100, fmadd.d, rmm, 0x4000000000400000, 0x1, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 101, fmsub.d, rne, 0x3e20000000200000, 0x0, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 102, fmsub.d, rtz, 0x3e20000000200000, 0x0, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 103, fmsub.d, rdn, 0x3e20000000200000, 0x0, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 104, fmsub.d, rup, 0x3e20000000200000, 0x0, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 105, fmsub.d, rmm, 0x3e20000000200000, 0x0, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 106, fnmsub.d, rne, 0xbe20000000200000, 0x0, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 107, fnmsub.d, rtz, 0xbe20000000200000, 0x0, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 108, fnmsub.d, rdn, 0xbe20000000200000, 0x0, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 109, fnmsub.d, rup, 0xbe20000000200000, 0x0, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 110, fnmsub.d, rmm, 0xbe20000000200000, 0x0, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 111, fnmadd.d, rne, 0xc000000000400000, 0x1, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 112, fnmadd.d, rtz, 0xc000000000400000, 0x1, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 113, fnmadd.d, rdn, 0xc000000000400001, 0x1, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 114, fnmadd.d, rup, 0xc000000000400000, 0x1, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 115, fnmadd.d, rmm, 0xc000000000400000, 0x1, 0x3ff0000000400000, 0x3ff0000000400000, 0x3ff0000000000000
    FP_RRR_D 116, fmadd.d, rne, 0x0, 0x0, 0x4000000000000000, 0x4008000000000000, 0xc018000000000000
    FP_RRR_D 117, fmadd.d, rdn, 0x8000000000000000, 0x0, 0x4000000000000000, 0x4008000000000000, 0xc018000000000000
    FP_RRR_D 118, fmsub.d, rne, 0x4014000000000000, 0x0, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000
    FP_RRR_D 119, fnmadd.d, rne, 0xc01c000000000000, 0x0, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000
    FP_RRR_D 120, fnmsub.d, rne, 0xc014000000000000, 0x0, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000
    FP_RRR_D 121, fmadd.d, rne, 0x7ff8000000000000, 0x10, 0x7ff0000000000000, 0x0, 0x7ff8000000000000
    FP_RRR_D 122, fmadd.d, rne, 0x7ff8000000000000, 0x10, 0x7ff0000000000000, 0x3ff0000000000000, 0xfff0000000000000
    FP_RRR_D 123, fmadd.d, rne, 0x7ff8000000000000, 0x0, 0x3ff0000000000000, 0x3ff0000000000000, 0x7ff8000000000000
    FP_RRR_D 124, fmadd.d, rne, 0x7ff8000000000000, 0x10, 0x3ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000001
    FP_RRR_D 125, fmadd.d, rne, 0x7fefffffffffffff, 0x0, 0x7fefffffffffffff, 0x4000000000000000, 0xffefffffffffffff
    FP_RRR_D 126, fmadd.d, rne, 0x7ff0000000000000, 0x5, 0x7fefffffffffffff, 0x4000000000000000, 0x0
    FP_RRR_D 127, fmadd.d, rtz, 0x7fefffffffffffff, 0x5, 0x7fefffffffffffff, 0x4000000000000000, 0x0
    /* Tininess is detected after rounding: a product just below the smallest normal that rounds
       up to it raises NX only; rounding toward zero leaves it subnormal, raising UF too. */
    FP_RR_D 128, fmul.d, rne, 0x10000000000000, 0x1, 0x3ff0000000000001, 0xfffffffffffff
    FP_RR_D 129, fmul.d, rtz, 0xfffffffffffff, 0x3, 0x3ff0000000000001, 0xfffffffffffff
    FP_RR_D 130, fmul.d, rdn, 0xfffffffffffff, 0x3, 0x3ff0000000000001, 0xfffffffffffff
    FP_RR_D 131, fmul.d, rup, 0x10000000000000, 0x1, 0x3ff0000000000001, 0xfffffffffffff
    FP_RR_D 132, fmul.d, rmm, 0x10000000000000, 0x1, 0x3ff0000000000001, 0xfffffffffffff
    FP_RRR_D 133, fmadd.d, rne, 0x10000000000000, 0x1, 0x3ff0000000000001, 0xfffffffffffff, 0x0
    FP_RRR_D 134, fmadd.d, rtz, 0xfffffffffffff, 0x3, 0x3ff0000000000001, 0xfffffffffffff, 0x0

    /* Dynamic rounding: rm = dyn takes the mode from frm (1 + half an ulp, a tie). */
    TEST    200
    FP_IN_D 0x3ff0000000000000, 0x3ca0000000000000, 0
    fsrmi   0
    fadd.d  f3, f1, f2, dyn
    fsrmi   0
    FP_OUT_D 0x3ff0000000000000, 0x1
    TEST    201
    FP_IN_D 0x3ff0000000000000, 0x3ca0000000000000, 0
    fsrmi   1
    fadd.d  f3, f1, f2, dyn
    fsrmi   0
    FP_OUT_D 0x3ff0000000000000, 0x1
    TEST    202
    FP_IN_D 0x3ff0000000000000, 0x3ca0000000000000, 0
    fsrmi   2
    fadd.d  f3, f1, f2, dyn
    fsrmi   0
    FP_OUT_D 0x3ff0000000000000, 0x1
    TEST    203
    FP_IN_D 0x3ff0000000000000, 0x3ca0000000000000, 0
    fsrmi   3
    fadd.d  f3, f1, f2, dyn
    fsrmi   0
    FP_OUT_D 0x3ff0000000000001, 0x1
    TEST    204
    FP_IN_D 0x3ff0000000000000, 0x3ca0000000000000, 0
    fsrmi   4
    fadd.d  f3, f1, f2, dyn
    fsrmi   0
    FP_OUT_D 0x3ff0000000000001, 0x1

    /* fflags is sticky: flags of consecutive operations accumulate until cleared. */
    TEST    210
    FP_IN_D 0x3ff0000000000000, 0, 0x3ca0000000000000
    fdiv.d  f3, f1, f2              /* DZ */
    fadd.d  f3, f1, f4              /* NX */
    frflags a1
    CHECK   a1, DZ | NX
    fsub.d  f3, f1, f1              /* exact: flags stay */
    frflags a1
    CHECK   a1, DZ | NX

    /* Reserved rounding modes: static rm 5 and 6 are illegal, and dyn is illegal while frm
       holds 5, 6 or 7. */
    TEST    220
    EXPECT_TRAP 1f
    .insn r 0x53, 5, 1, f3, f1, f2          /* fadd with rm = 5 */
    j       fail
1:  CHECK_CAUSE CAUSE_ILLEGAL
    TEST    221
    EXPECT_TRAP 2f
    .insn r 0x53, 6, 1, f3, f1, f2          /* fadd with rm = 6 */
    j       fail
2:  CHECK_CAUSE CAUSE_ILLEGAL
    TEST    222
    fsrmi   5
    EXPECT_TRAP 3f
    fadd.d  f3, f1, f2, dyn
    j       fail
3:  CHECK_CAUSE CAUSE_ILLEGAL
    TEST    223
    fsrmi   7
    EXPECT_TRAP 4f
    fmul.d  f3, f1, f2, dyn
    j       fail
4:  CHECK_CAUSE CAUSE_ILLEGAL
    /* ... but operations without rounding ignore a bad frm. */
    TEST    224
    fsgnj.d f3, f1, f2
    fsrmi   0
    NO_TRAP
TEST_END
