/* F and D conversions (unprivileged spec 11.7 and 12.5): fcvt between floating point and 32/64-bit
   signed and unsigned integers in every rounding mode, with the saturating results and flags of
   table 11.4 for out-of-range inputs, infinities and NaNs (W results sign-extended); fcvt.s.d
   rounding, overflow and underflow; exact fcvt.d.s; NaNs converted to the canonical NaN. */
#include "test.h"
#include "fp.h"

TEST_BEGIN
    /* Double to integer: rounding in every mode, then saturation with NV (NaN counts as +big). */
    FP_TOX_D   1, fcvt.w.d, rne, 0x2, 0x1, 0x4004000000000000, 0
    FP_TOX_D   2, fcvt.w.d, rtz, 0x2, 0x1, 0x4004000000000000, 0
    FP_TOX_D   3, fcvt.w.d, rdn, 0x2, 0x1, 0x4004000000000000, 0
    FP_TOX_D   4, fcvt.w.d, rup, 0x3, 0x1, 0x4004000000000000, 0
    FP_TOX_D   5, fcvt.w.d, rmm, 0x3, 0x1, 0x4004000000000000, 0
    FP_TOX_D   6, fcvt.w.d, rne, 0xfffffffffffffffe, 0x1, 0xc004000000000000, 0
    FP_TOX_D   7, fcvt.w.d, rtz, 0xfffffffffffffffe, 0x1, 0xc004000000000000, 0
    FP_TOX_D   8, fcvt.w.d, rdn, 0xfffffffffffffffd, 0x1, 0xc004000000000000, 0
    FP_TOX_D   9, fcvt.w.d, rup, 0xfffffffffffffffe, 0x1, 0xc004000000000000, 0
    FP_TOX_D  10, fcvt.w.d, rmm, 0xfffffffffffffffd, 0x1, 0xc004000000000000, 0
    FP_TOX_D  11, fcvt.w.d, rne, 0x0, 0x1, 0xbfe0000000000000, 0
    FP_TOX_D  12, fcvt.w.d, rtz, 0x0, 0x1, 0xbfe0000000000000, 0
    FP_TOX_D  13, fcvt.w.d, rdn, 0xffffffffffffffff, 0x1, 0xbfe0000000000000, 0
    FP_TOX_D  14, fcvt.w.d, rup, 0x0, 0x1, 0xbfe0000000000000, 0
    FP_TOX_D  15, fcvt.w.d, rmm, 0xffffffffffffffff, 0x1, 0xbfe0000000000000, 0
    FP_TOX_D  16, fcvt.w.d, rtz, 0x7fffffff, 0x10, 0x41e0000000000000, 0
    FP_TOX_D  17, fcvt.w.d, rne, 0x7fffffff, 0x10, 0x41dfffffffe00000, 0
    FP_TOX_D  18, fcvt.w.d, rtz, 0x7fffffff, 0x1, 0x41dfffffffe00000, 0
    FP_TOX_D  19, fcvt.w.d, rne, 0xffffffff80000000, 0x0, 0xc1e0000000000000, 0
    FP_TOX_D  20, fcvt.w.d, rtz, 0xffffffff80000000, 0x1, 0xc1e0000000100000, 0
    FP_TOX_D  21, fcvt.w.d, rdn, 0xffffffff80000000, 0x10, 0xc1e0000000100000, 0
    FP_TOX_D  22, fcvt.w.d, rtz, 0x7fffffff, 0x10, 0x7ff0000000000000, 0
    FP_TOX_D  23, fcvt.w.d, rtz, 0xffffffff80000000, 0x10, 0xfff0000000000000, 0
    FP_TOX_D  24, fcvt.w.d, rtz, 0x7fffffff, 0x10, 0x7ff8000000000000, 0
    FP_TOX_D  25, fcvt.w.d, rtz, 0x7fffffff, 0x10, 0xfff8000000000000, 0
    FP_TOX_D  26, fcvt.w.d, rtz, 0x7fffffff, 0x10, 0x7ff0000000000001, 0
    FP_TOX_D  27, fcvt.wu.d, rtz, 0x0, 0x1, 0xbfe0000000000000, 0
    FP_TOX_D  28, fcvt.wu.d, rdn, 0x0, 0x10, 0xbfe0000000000000, 0
    FP_TOX_D  29, fcvt.wu.d, rne, 0x0, 0x1, 0xbfe0000000000000, 0
    FP_TOX_D  30, fcvt.wu.d, rtz, 0x0, 0x10, 0xbff0000000000000, 0
    FP_TOX_D  31, fcvt.wu.d, rtz, 0xffffffffffffffff, 0x0, 0x41efffffffe00000, 0
    FP_TOX_D  32, fcvt.wu.d, rtz, 0xffffffffffffffff, 0x10, 0x41f0000000000000, 0
    FP_TOX_D  33, fcvt.wu.d, rtz, 0xffffffffffffffff, 0x10, 0x7ff8000000000000, 0
    FP_TOX_D  34, fcvt.wu.d, rtz, 0x0, 0x10, 0xfff0000000000000, 0
    FP_TOX_D  35, fcvt.wu.d, rtz, 0xffffffffc0000000, 0x0, 0x41e8000000000000, 0
    FP_TOX_D  36, fcvt.l.d, rne, 0x4, 0x1, 0x400c000000000000, 0
    FP_TOX_D  37, fcvt.l.d, rtz, 0x3, 0x1, 0x400c000000000000, 0
    FP_TOX_D  38, fcvt.l.d, rdn, 0x3, 0x1, 0x400c000000000000, 0
    FP_TOX_D  39, fcvt.l.d, rup, 0x4, 0x1, 0x400c000000000000, 0
    FP_TOX_D  40, fcvt.l.d, rmm, 0x4, 0x1, 0x400c000000000000, 0
    FP_TOX_D  41, fcvt.l.d, rtz, 0x7fffffffffffffff, 0x10, 0x43e0000000000000, 0
    FP_TOX_D  42, fcvt.l.d, rtz, 0x8000000000000000, 0x0, 0xc3e0000000000000, 0
    FP_TOX_D  43, fcvt.l.d, rtz, 0x4000000000000400, 0x0, 0x43d0000000000001, 0
    FP_TOX_D  44, fcvt.l.d, rtz, 0x7fffffffffffffff, 0x10, 0x7ff8000000000000, 0
    FP_TOX_D  45, fcvt.l.d, rtz, 0x8000000000000000, 0x10, 0xfff0000000000000, 0
    FP_TOX_D  46, fcvt.l.d, rtz, 0x8000000000000000, 0x10, 0xc3f0000000000000, 0
    FP_TOX_D  47, fcvt.lu.d, rtz, 0x0, 0x10, 0xbff0000000000000, 0
    FP_TOX_D  48, fcvt.lu.d, rtz, 0x0, 0x1, 0xbfd0000000000000, 0
    FP_TOX_D  49, fcvt.lu.d, rdn, 0x0, 0x10, 0xbfd0000000000000, 0
    FP_TOX_D  50, fcvt.lu.d, rtz, 0xffffffffffffffff, 0x10, 0x43f0000000000000, 0
    FP_TOX_D  51, fcvt.lu.d, rtz, 0x8000000000000000, 0x0, 0x43e0000000000000, 0
    FP_TOX_D  52, fcvt.lu.d, rtz, 0xffffffffffffffff, 0x10, 0x7ff8000000000000, 0
    FP_TOX_D  53, fcvt.lu.d, rtz, 0xfffffffffffff800, 0x0, 0x43efffffffffffff, 0
    /* Single to integer. */
    FP_TOX_S  54, fcvt.w.s, rne, 0x2, 0x1, 0x3fc00000, 0
    FP_TOX_S  55, fcvt.w.s, rtz, 0x1, 0x1, 0x3fc00000, 0
    FP_TOX_S  56, fcvt.w.s, rdn, 0x1, 0x1, 0x3fc00000, 0
    FP_TOX_S  57, fcvt.w.s, rup, 0x2, 0x1, 0x3fc00000, 0
    FP_TOX_S  58, fcvt.w.s, rmm, 0x2, 0x1, 0x3fc00000, 0
    FP_TOX_S  59, fcvt.w.s, rtz, 0x7fffffff, 0x10, 0x4f000000, 0
    FP_TOX_S  60, fcvt.w.s, rtz, 0xffffffff80000000, 0x0, 0xcf000000, 0
    FP_TOX_S  61, fcvt.w.s, rtz, 0x7fffffff, 0x10, 0x7fc00000, 0
    FP_TOX_S  62, fcvt.w.s, rtz, 0xffffffff80000000, 0x10, 0xff800000, 0
    FP_TOX_S  63, fcvt.wu.s, rtz, 0x0, 0x10, 0xbf800000, 0
    FP_TOX_S  64, fcvt.wu.s, rtz, 0x0, 0x1, 0xbf400000, 0
    FP_TOX_S  65, fcvt.wu.s, rne, 0x0, 0x10, 0xbf400000, 0
    FP_TOX_S  66, fcvt.wu.s, rtz, 0xffffffffffffffff, 0x10, 0x4f800000, 0
    FP_TOX_S  67, fcvt.wu.s, rtz, 0xffffffff80000000, 0x0, 0x4f000000, 0
    FP_TOX_S  68, fcvt.l.s, rne, 0xfffffffffffffffe, 0x1, 0xc0200000, 0
    FP_TOX_S  69, fcvt.l.s, rtz, 0xfffffffffffffffe, 0x1, 0xc0200000, 0
    FP_TOX_S  70, fcvt.l.s, rdn, 0xfffffffffffffffd, 0x1, 0xc0200000, 0
    FP_TOX_S  71, fcvt.l.s, rup, 0xfffffffffffffffe, 0x1, 0xc0200000, 0
    FP_TOX_S  72, fcvt.l.s, rmm, 0xfffffffffffffffd, 0x1, 0xc0200000, 0
    FP_TOX_S  73, fcvt.l.s, rtz, 0x7fffffffffffffff, 0x10, 0x5f000000, 0
    FP_TOX_S  74, fcvt.l.s, rtz, 0x7fffffffffffffff, 0x10, 0x7f800001, 0
    FP_TOX_S  75, fcvt.l.s, rtz, 0x8000000000000000, 0x0, 0xdf000000, 0
    FP_TOX_S  76, fcvt.lu.s, rne, 0x2, 0x1, 0x40200000, 0
    FP_TOX_S  77, fcvt.lu.s, rmm, 0x3, 0x1, 0x40200000, 0
    FP_TOX_S  78, fcvt.lu.s, rtz, 0x0, 0x10, 0xbf800000, 0
    FP_TOX_S  79, fcvt.lu.s, rtz, 0xffffffffffffffff, 0x10, 0x5f800000, 0
    FP_TOX_S  80, fcvt.lu.s, rtz, 0xffffffffffffffff, 0x10, 0x7f800000, 0
    /* Integer to double and single: exact or rounded by mode. */
    FP_FROMX_D  81, fcvt.d.w, none, 0xbff0000000000000, 0x0, 0xffffffffffffffff
    FP_FROMX_D  82, fcvt.d.w, none, 0xc1e0000000000000, 0x0, 0x80000000
    FP_FROMX_D  83, fcvt.d.w, none, 0x4024000000000000, 0x0, 0x123456780000000a
    FP_FROMX_D  84, fcvt.d.wu, none, 0x41efffffffe00000, 0x0, 0xffffffffffffffff
    FP_FROMX_D  85, fcvt.d.wu, none, 0x0, 0x0, 0x0
    FP_FROMX_D  86, fcvt.d.l, rne, 0x43e0000000000000, 0x1, 0x7fffffffffffffff
    FP_FROMX_D  87, fcvt.d.l, rtz, 0x43dfffffffffffff, 0x1, 0x7fffffffffffffff
    FP_FROMX_D  88, fcvt.d.l, rdn, 0x43dfffffffffffff, 0x1, 0x7fffffffffffffff
    FP_FROMX_D  89, fcvt.d.l, rup, 0x43e0000000000000, 0x1, 0x7fffffffffffffff
    FP_FROMX_D  90, fcvt.d.l, rmm, 0x43e0000000000000, 0x1, 0x7fffffffffffffff
    FP_FROMX_D  91, fcvt.d.l, rne, 0xc3e0000000000000, 0x0, 0x8000000000000000
    FP_FROMX_D  92, fcvt.d.l, rne, 0xc340000000000000, 0x1, 0xffdfffffffffffff
    FP_FROMX_D  93, fcvt.d.l, rtz, 0xc340000000000000, 0x1, 0xffdfffffffffffff
    FP_FROMX_D  94, fcvt.d.l, rdn, 0xc340000000000001, 0x1, 0xffdfffffffffffff
    FP_FROMX_D  95, fcvt.d.l, rup, 0xc340000000000000, 0x1, 0xffdfffffffffffff
    FP_FROMX_D  96, fcvt.d.l, rmm, 0xc340000000000001, 0x1, 0xffdfffffffffffff
    FP_FROMX_D  97, fcvt.d.lu, rne, 0x43f0000000000000, 0x1, 0xffffffffffffffff
    FP_FROMX_D  98, fcvt.d.lu, rtz, 0x43efffffffffffff, 0x1, 0xffffffffffffffff
    FP_FROMX_D  99, fcvt.d.lu, rdn, 0x43efffffffffffff, 0x1, 0xffffffffffffffff
    FP_FROMX_D 100, fcvt.d.lu, rup, 0x43f0000000000000, 0x1, 0xffffffffffffffff
    FP_FROMX_D 101, fcvt.d.lu, rmm, 0x43f0000000000000, 0x1, 0xffffffffffffffff
    FP_FROMX_D 102, fcvt.d.lu, rne, 0x4340000000000000, 0x1, 0x20000000000001
    FP_FROMX_D 103, fcvt.d.lu, rup, 0x4340000000000001, 0x1, 0x20000000000001
    FP_FROMX_S 104, fcvt.s.w, rne, 0x4b800000, 0x1, 0x1000001
    FP_FROMX_S 105, fcvt.s.w, rtz, 0x4b800000, 0x1, 0x1000001
    FP_FROMX_S 106, fcvt.s.w, rdn, 0x4b800000, 0x1, 0x1000001
    FP_FROMX_S 107, fcvt.s.w, rup, 0x4b800001, 0x1, 0x1000001
    FP_FROMX_S 108, fcvt.s.w, rmm, 0x4b800001, 0x1, 0x1000001
    FP_FROMX_S 109, fcvt.s.w, rne, 0xcb800002, 0x1, 0xfffffffffefffffd
    FP_FROMX_S 110, fcvt.s.w, rtz, 0xcb800001, 0x1, 0xfffffffffefffffd
    FP_FROMX_S 111, fcvt.s.w, rdn, 0xcb800002, 0x1, 0xfffffffffefffffd
    FP_FROMX_S 112, fcvt.s.wu, rne, 0x4f800000, 0x1, 0xffffffff
    FP_FROMX_S 113, fcvt.s.wu, rtz, 0x4f7fffff, 0x1, 0xffffffff
    FP_FROMX_S 114, fcvt.s.l, rne, 0x5f000000, 0x1, 0x7fffffffffffffff
    FP_FROMX_S 115, fcvt.s.l, rtz, 0x5effffff, 0x1, 0x7fffffffffffffff
    FP_FROMX_S 116, fcvt.s.lu, rne, 0x5f800000, 0x1, 0xffffffffffffffff
    FP_FROMX_S 117, fcvt.s.lu, rtz, 0x5f7fffff, 0x1, 0xffffffffffffffff
    FP_FROMX_S 118, fcvt.s.lu, rdn, 0x4c000000, 0x1, 0x2000001
    FP_FROMX_S 119, fcvt.s.lu, rup, 0x4c000001, 0x1, 0x2000001
    /* Between formats: double to single rounds and may overflow or underflow; single to double is exact. */
    FP_R_DS 120, fcvt.s.d, rne, 0x3f800000, 0x1, 0x3ff0000010000000
    FP_R_DS 121, fcvt.s.d, rtz, 0x3f800000, 0x1, 0x3ff0000010000000
    FP_R_DS 122, fcvt.s.d, rdn, 0x3f800000, 0x1, 0x3ff0000010000000
    FP_R_DS 123, fcvt.s.d, rup, 0x3f800001, 0x1, 0x3ff0000010000000
    FP_R_DS 124, fcvt.s.d, rmm, 0x3f800001, 0x1, 0x3ff0000010000000
    FP_R_DS 125, fcvt.s.d, rne, 0xbf800001, 0x1, 0xbff0000018000000
    FP_R_DS 126, fcvt.s.d, rdn, 0xbf800001, 0x1, 0xbff0000018000000
    FP_R_DS 127, fcvt.s.d, rup, 0xbf800000, 0x1, 0xbff0000018000000
    FP_R_DS 128, fcvt.s.d, rne, 0x7f800000, 0x5, 0x7fefffffffffffff
    FP_R_DS 129, fcvt.s.d, rtz, 0x7f7fffff, 0x5, 0x7fefffffffffffff
    FP_R_DS 130, fcvt.s.d, rdn, 0x7f7fffff, 0x5, 0x7fefffffffffffff
    FP_R_DS 131, fcvt.s.d, rup, 0x7f800000, 0x5, 0x7fefffffffffffff
    FP_R_DS 132, fcvt.s.d, rmm, 0x7f800000, 0x5, 0x7fefffffffffffff
    FP_R_DS 133, fcvt.s.d, rne, 0x1, 0x0, 0x36a0000000000000
    FP_R_DS 134, fcvt.s.d, rup, 0x1, 0x0, 0x36a0000000000000
    FP_R_DS 135, fcvt.s.d, rne, 0x1, 0x3, 0x3698000000000000
    FP_R_DS 136, fcvt.s.d, rup, 0x1, 0x3, 0x3698000000000000
    FP_R_DS 137, fcvt.s.d, rne, 0x7fc00000, 0x0, 0xfff8000000000005
    FP_R_DS 138, fcvt.s.d, rne, 0x7fc00000, 0x10, 0x7ff0000000000001
    FP_R_DS 139, fcvt.s.d, rne, 0xff800000, 0x0, 0xfff0000000000000
    FP_R_DS 140, fcvt.s.d, rne, 0x80000000, 0x0, 0x8000000000000000
    FP_R_DS 141, fcvt.s.d, rne, 0x400000, 0x0, 0x3800000000000000
    FP_R_SD 142, fcvt.d.s, 0x3fd5555560000000, 0x0, 0x3eaaaaab
    FP_R_SD 143, fcvt.d.s, 0x36a0000000000000, 0x0, 0x1
    FP_R_SD 144, fcvt.d.s, 0x7ff8000000000000, 0x10, 0x7f800001
    FP_R_SD 145, fcvt.d.s, 0x7ff8000000000000, 0x0, 0xffc00007
    FP_R_SD 146, fcvt.d.s, 0xfff0000000000000, 0x0, 0xff800000
    FP_R_SD 147, fcvt.d.s, 0x8000000000000000, 0x0, 0x80000000
    FP_R_SD 148, fcvt.d.s, 0x47efffffe0000000, 0x0, 0x7f7fffff
TEST_END
