/*
 * Check macros for the F and D programs. Inputs are raw bit patterns moved in with FMV (single
 * values get NaN-boxed by FMV.W.X); fflags is cleared before the operation and compared after it,
 * so every check proves both the result bits and the exception flags.
 * f1, f2, f4 are inputs, f3 the result; a0 result bits, a1 the fflags read back.
 */

.macro FP_IN_D a, b, c
    li      t0, \a
    fmv.d.x f1, t0
    li      t0, \b
    fmv.d.x f2, t0
    li      t0, \c
    fmv.d.x f4, t0
    fsflags zero
.endm

.macro FP_IN_S a, b, c
    li      t0, \a
    fmv.w.x f1, t0
    li      t0, \b
    fmv.w.x f2, t0
    li      t0, \c
    fmv.w.x f4, t0
    fsflags zero
.endm

.macro FP_OUT_D result, flags
    frflags a1
    fmv.x.d a0, f3
    CHECK   a0, \result
    CHECK   a1, \flags
.endm

.macro FP_OUT_S result, flags
    frflags a1
    fmv.x.d a2, f3
    srai    a2, a2, 32
    CHECK   a2, -1                   /* single results are NaN-boxed */
    fmv.x.w a0, f3
    CHECKW  a0, \result
    CHECK   a1, \flags
.endm

/* Two-operand arithmetic with a rounding mode: fadd, fsub, fmul, fdiv. */
.macro FP_RR_D n, op, rm, result, flags, a, b
    TEST    \n
    FP_IN_D \a, \b, 0
    \op     f3, f1, f2, \rm
    FP_OUT_D \result, \flags
.endm
.macro FP_RR_S n, op, rm, result, flags, a, b
    TEST    \n
    FP_IN_S \a, \b, 0
    \op     f3, f1, f2, \rm
    FP_OUT_S \result, \flags
.endm

/* Two operands, no rounding mode: fmin, fmax, fsgnj*. */
.macro FP_RRN_D n, op, result, flags, a, b
    TEST    \n
    FP_IN_D \a, \b, 0
    \op     f3, f1, f2
    FP_OUT_D \result, \flags
.endm
.macro FP_RRN_S n, op, result, flags, a, b
    TEST    \n
    FP_IN_S \a, \b, 0
    \op     f3, f1, f2
    FP_OUT_S \result, \flags
.endm

/* One operand with a rounding mode: fsqrt, fcvt between formats. */
.macro FP_R_D n, op, rm, result, flags, a
    TEST    \n
    FP_IN_D \a, 0, 0
    \op     f3, f1, \rm
    FP_OUT_D \result, \flags
.endm
.macro FP_R_S n, op, rm, result, flags, a
    TEST    \n
    FP_IN_S \a, 0, 0
    \op     f3, f1, \rm
    FP_OUT_S \result, \flags
.endm
/* fcvt.s.d (double in, single out) and fcvt.d.s (single in, double out). */
.macro FP_R_DS n, op, rm, result, flags, a
    TEST    \n
    FP_IN_D \a, 0, 0
    \op     f3, f1, \rm
    FP_OUT_S \result, \flags
.endm
.macro FP_R_SD n, op, result, flags, a
    TEST    \n
    FP_IN_S \a, 0, 0
    \op     f3, f1
    FP_OUT_D \result, \flags
.endm

/* Fused multiply-add family: f3 = op(f1, f2, f4). */
.macro FP_RRR_D n, op, rm, result, flags, a, b, c
    TEST    \n
    FP_IN_D \a, \b, \c
    \op     f3, f1, f2, f4, \rm
    FP_OUT_D \result, \flags
.endm
.macro FP_RRR_S n, op, rm, result, flags, a, b, c
    TEST    \n
    FP_IN_S \a, \b, \c
    \op     f3, f1, f2, f4, \rm
    FP_OUT_S \result, \flags
.endm

/* Results in an integer register: compares, fclass, fcvt to integer (rm given as "rtz" etc.,
   or "none" for compares and fclass). */
.macro FP_TOX_D n, op, rm, result, flags, a, b
    TEST    \n
    FP_IN_D \a, \b, 0
    .ifc \rm, none
    \op     a0, f1, f2
    .else
    \op     a0, f1, \rm
    .endif
    frflags a1
    CHECK   a0, \result
    CHECK   a1, \flags
.endm
.macro FP_TOX_S n, op, rm, result, flags, a, b
    TEST    \n
    FP_IN_S \a, \b, 0
    .ifc \rm, none
    \op     a0, f1, f2
    .else
    \op     a0, f1, \rm
    .endif
    frflags a1
    CHECK   a0, \result
    CHECK   a1, \flags
.endm
.macro FP_CLASS_D n, result, a
    TEST    \n
    FP_IN_D \a, 0, 0
    fclass.d a0, f1
    frflags a1
    CHECK   a0, \result
    CHECK   a1, 0
.endm
.macro FP_CLASS_S n, result, a
    TEST    \n
    FP_IN_S \a, 0, 0
    fclass.s a0, f1
    frflags a1
    CHECK   a0, \result
    CHECK   a1, 0
.endm

/* fcvt from an integer register (rm "none" for the always exact fcvt.d.w and fcvt.d.wu). */
.macro FP_FROMX_D n, op, rm, result, flags, a
    TEST    \n
    li      a2, \a
    fsflags zero
    .ifc \rm, none
    \op     f3, a2
    .else
    \op     f3, a2, \rm
    .endif
    FP_OUT_D \result, \flags
.endm
.macro FP_FROMX_S n, op, rm, result, flags, a
    TEST    \n
    li      a2, \a
    fsflags zero
    .ifc \rm, none
    \op     f3, a2
    .else
    \op     f3, a2, \rm
    .endif
    FP_OUT_S \result, \flags
.endm
