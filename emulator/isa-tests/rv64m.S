/* M extension (unprivileged spec chapter 7): multiplication high parts for every signedness,
   division and remainder including the defined results for division by zero
   (quotient all ones, remainder the dividend) and overflow MIN / -1 (quotient MIN,
   remainder 0), and the 32-bit W forms. */
#include "test.h"

#define MIN64 0x8000000000000000
#define MIN32 0xffffffff80000000

TEST_BEGIN
    TEST_RR  1, mul,    0x0000000000000006, 2, 3
    TEST_RR  2, mul,    0xfffffffffffffffa, -2, 3
    TEST_RR  3, mul,    0x0000000000000001, -1, -1
    TEST_RR  4, mul,    0x0000000000000000, MIN64, 2
    TEST_RR  5, mul,    0xfedcba9876543210 * 0x10 & 0xffffffffffffffff, 0xfedcba9876543210, 0x10
    TEST_RR  6, mulh,   0xffffffffffffffff, -1, 1
    TEST_RR  7, mulh,   0x0000000000000000, -1, -1
    TEST_RR  8, mulh,   0x4000000000000000, MIN64, MIN64
    TEST_RR  9, mulh,   0xc000000000000000, MIN64, 0x7fffffffffffffff
    TEST_RR 10, mulh,   0x0000000000000001, 0x100000000, 0x100000000
    TEST_RR 11, mulhu,  0xfffffffffffffffe, -1, -1
    TEST_RR 12, mulhu,  0x0000000000000000, -1, 1
    TEST_RR 13, mulhu,  0x4000000000000000, MIN64, MIN64
    TEST_RR 14, mulhu,  0x0000000000000001, 0x100000000, 0x100000000
    TEST_RR 15, mulhsu, 0xffffffffffffffff, -1, -1       /* -1 * (2^64 - 1) */
    TEST_RR 16, mulhsu, 0x0000000000000000, 1, -1
    TEST_RR 17, mulhsu, 0xc000000000000000, MIN64, MIN64  /* -2^63 * 2^63 = -2^126 */
    TEST_RR 18, mulhsu, 0x7ffffffffffffffe, 0x7fffffffffffffff, -1
    TEST_RR 19, mulw,   0xffffffff80000000, 0x40000000, 2
    TEST_RR 20, mulw,   0x0000000000000000, 0x100000000, 0x100000000
    TEST_RR 21, mulw,   0xfffffffffffffffe, 0xffffffff, 2  /* only the low words multiply */

    TEST_RR 30, div,    0x0000000000000003, 7, 2
    TEST_RR 31, div,    0xfffffffffffffffd, -7, 2         /* rounds toward zero */
    TEST_RR 32, div,    0xfffffffffffffffd, 7, -2
    TEST_RR 33, div,    0x0000000000000003, -7, -2
    TEST_RR 34, div,    0xffffffffffffffff, 7, 0          /* x / 0 = -1 */
    TEST_RR 35, div,    MIN64, MIN64, -1                  /* overflow */
    TEST_RR 36, divu,   0x7fffffffffffffff, -1, 2
    TEST_RR 37, divu,   0xffffffffffffffff, 7, 0
    TEST_RR 38, divu,   0x0000000000000000, 1, -1
    TEST_RR 39, rem,    0x0000000000000001, 7, 2
    TEST_RR 40, rem,    0xffffffffffffffff, -7, 2         /* sign of the dividend */
    TEST_RR 41, rem,    0x0000000000000001, 7, -2
    TEST_RR 42, rem,    0x0000000000000007, 7, 0          /* x % 0 = x */
    TEST_RR 43, rem,    0x0000000000000000, MIN64, -1
    TEST_RR 44, remu,   0x0000000000000001, -1, 2
    TEST_RR 45, remu,   0xfffffffffffffff9, -7, 0
    TEST_RR 46, remu,   0x0000000000000005, 5, -1

    TEST_RR 50, divw,   0xfffffffffffffffd, -7, 2
    TEST_RR 51, divw,   0xffffffffffffffff, 7, 0
    TEST_RR 52, divw,   MIN32, 0x80000000, -1             /* 32-bit overflow */
    TEST_RR 53, divw,   0x0000000000000002, 0x1000000004, 2 /* upper bits ignored */
    TEST_RR 54, divuw,  0x000000007fffffff, 0xffffffff, 2
    TEST_RR 55, divuw,  0xffffffffffffffff, 7, 0
    TEST_RR 56, divuw,  0xffffffff80000000, 0x80000000, 1  /* result sign-extended */
    TEST_RR 57, remw,   0xffffffffffffffff, -7, 2
    TEST_RR 58, remw,   0x0000000000000000, 0x80000000, -1
    TEST_RR 59, remw,   0xffffffff80000000, 0x80000000, 0  /* x % 0 = sext(x[31:0]) */
    TEST_RR 60, remuw,  0x0000000000000001, 0xffffffff, 2
    TEST_RR 61, remuw,  0xffffffff80000001, 0x180000001, 0
    TEST_RR 62, remuw,  0x0000000000000003, 0x0000000100000003, 0x100000005 /* 3 % 5 */
TEST_END
