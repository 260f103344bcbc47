/* Trap delegation and privilege transitions (privileged spec 3.1.6.1, 3.1.8, 3.3.2, 4.1.1):
   mret/sret updating MIE/MPIE/MPP and SIE/SPIE/SPP, medeleg sending U and S exceptions to the
   S-mode handler with scause/sepc/stval, M-mode exceptions never delegated downwards, and the
   S-level CSRs staying apart from the M-level ones. */
#include "test.h"

#define SSTATUS_SPP_BIT 8
#define DELEG_ILLEGAL   (1 << CAUSE_ILLEGAL)
#define DELEG_ECALL_U   (1 << CAUSE_ECALL_U)
#define DELEG_BREAK     (1 << CAUSE_BREAKPOINT)

/* Reads mstatus field (mstatus >> shift) & mask into a0. */
.macro MSTATUS_FIELD shift, mask
    csrr    a0, mstatus
    srli    a0, a0, \shift
    andi    a0, a0, \mask
.endm

TEST_BEGIN
    la      t0, s_record
    csrw    stvec, t0

    /* mret: MIE = MPIE, MPIE = 1, MPP = U (the least privileged mode); here back into M. */
    TEST  1
    li      t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    csrc    mstatus, t0
    li      t0, MSTATUS_MPP                     /* MPP = M, MPIE = 0 */
    csrs    mstatus, t0
    la      t0, 1f
    csrw    mepc, t0
    mret
1:  MSTATUS_FIELD 3, 1                          /* MIE */
    CHECK   a0, 0
    MSTATUS_FIELD 7, 1                          /* MPIE */
    CHECK   a0, 1
    MSTATUS_FIELD 11, 3                         /* MPP */
    CHECK   a0, 0

    /* A trap into M: MPIE = old MIE, MIE = 0 (mstatus as seen by the handler, in s7). */
    TEST  2
    la      t0, mpp_handler
    csrw    mtvec, t0
    li      t0, MSTATUS_MPIE
    csrs    mstatus, t0                         /* the mret below makes MIE = 1 in S */
    la      tp, 2f
    GOTO_MODE 1, 3f
3:  ecall
    j       fail
2:  CHECK   s9, CAUSE_ECALL_S
    srli    a0, s7, 7
    andi    a0, a0, 1
    CHECK   a0, 1                               /* MPIE = 1 */
    andi    a0, s7, MSTATUS_MIE
    CHECK   a0, 0                               /* MIE = 0 */
    TEST  6
    li      t0, MSTATUS_MPIE
    csrc    mstatus, t0                         /* now MIE = 0 in S */
    la      tp, 20f
    GOTO_MODE 1, 21f
21: ecall
    j       fail
20: srli    a0, s7, 7
    andi    a0, a0, 1
    CHECK   a0, 0                               /* MPIE = 0 */

    /* MPP records the source mode. */
    TEST  3
    la      tp, 4f
    GOTO_MODE 0, 5f
5:  ecall
    j       fail
4:  CHECK   s9, CAUSE_ECALL_U
    CHECK   s10, 0                              /* MPP was U */
    TEST  4
    la      tp, 6f
    GOTO_MODE 1, 7f
7:  ecall
    j       fail
6:  CHECK   s9, CAUSE_ECALL_S
    CHECK   s10, 1                              /* MPP was S */
    TEST  5
    la      tp, 8f
    ecall
8:  CHECK   s9, CAUSE_ECALL_M
    CHECK   s10, 3
    NO_TRAP

    /* medeleg: ecall from U goes to the S handler (scause 8, sepc at the ecall, SPP = U). */
    TEST 10
    li      t0, DELEG_ECALL_U
    csrw    medeleg, t0
    csrw    mcause, zero
    EXPECT_TRAP 9f
    li      t0, MSTATUS_SIE
    csrs    mstatus, t0                         /* SIE = 1 so that SPIE shows it */
    GOTO_MODE 0, 10f
10: ecall
    j       fail
9:  CHECK_CAUSE CAUSE_ECALL_S                   /* s_record's own ecall reached M */
    CHECK   s2, CAUSE_ECALL_U
    la      a1, 10b
    CHECK_EQ s4, a1
    srli    a0, s5, SSTATUS_SPP_BIT
    andi    a0, a0, 1
    CHECK   a0, 0                               /* SPP = U */
    srli    a0, s5, 5
    andi    a0, a0, 1
    CHECK   a0, 1                               /* SPIE = old SIE */
    andi    a0, s5, MSTATUS_SIE
    CHECK   a0, 0                               /* SIE cleared */
    TEST 11
    csrr    a0, mcause                          /* the delegated trap left mcause alone... */
    CHECK   a0, CAUSE_ECALL_S                   /* ...only s_record's ecall wrote it */

    /* Delegated illegal instruction from S: stays in S, SPP = S, stval = the instruction. */
    TEST 12
    li      t0, DELEG_ILLEGAL
    csrw    medeleg, t0
    EXPECT_TRAP 11f
    GOTO_MODE 1, 12f
12: .word   0x0000028b
    j       fail
11: CHECK_CAUSE CAUSE_ECALL_S
    CHECK   s2, CAUSE_ILLEGAL
    CHECK   s3, 0x0000028b
    srli    a0, s5, SSTATUS_SPP_BIT
    andi    a0, a0, 1
    CHECK   a0, 1

    /* Exceptions in M-mode are never delegated, whatever medeleg says. */
    TEST 13
    EXPECT_TRAP 13f
    .word   0x0000028b
    j       fail
13: CHECK_CAUSE CAUSE_ILLEGAL
    CHECK   s10, 0x0000028b

    /* Undelegated exceptions from U still go to M. */
    TEST 14
    EXPECT_TRAP 14f
    GOTO_MODE 0, 15f
15: ebreak
    j       fail
14: CHECK_CAUSE CAUSE_BREAKPOINT
    csrw    medeleg, zero

    /* sret: SIE = SPIE, SPIE = 1, SPP = U; with SPP = S it stays in S, with SPP = U it enters U. */
    TEST 20
    la      t0, sret_s_target
    csrw    sepc, t0
    li      t0, MSTATUS_SPP | MSTATUS_SPIE
    csrs    mstatus, t0
    li      t0, MSTATUS_SIE
    csrc    mstatus, t0
    EXPECT_TRAP 16f
    GOTO_MODE 1, 17f
17: sret
    j       fail
sret_s_target:
    csrr    s5, sstatus                         /* readable: still in S */
    ecall
    j       fail
16: CHECK_CAUSE CAUSE_ECALL_S
    andi    a0, s5, MSTATUS_SIE
    CHECK   a0, MSTATUS_SIE                     /* SIE = old SPIE */
    andi    a0, s5, MSTATUS_SPIE
    CHECK   a0, MSTATUS_SPIE
    andi    a0, s5, MSTATUS_SPP
    CHECK   a0, 0                               /* SPP = U */
    TEST 21
    la      t0, sret_u_target
    csrw    sepc, t0
    li      t0, MSTATUS_SPP
    csrc    mstatus, t0
    EXPECT_TRAP 18f
    GOTO_MODE 1, 19f
19: sret
    j       fail
sret_u_target:
    ecall
    j       fail
18: CHECK_CAUSE CAUSE_ECALL_U

    /* sepc, scause, stval, sscratch are registers of their own. */
    TEST 30
    li      a1, 0x1111
    csrw    sscratch, a1
    li      a1, 0x2222
    csrw    mscratch, a1
    csrr    a0, sscratch
    CHECK   a0, 0x1111
    TEST 31
    li      a1, 0x80001000
    csrw    sepc, a1
    csrr    a0, sepc
    CHECK   a0, 0x80001000
    li      a1, 5
    csrw    scause, a1
    csrr    a0, scause
    CHECK   a0, 5
    li      a1, 0x1234
    csrw    stval, a1
    csrr    a0, stval
    CHECK   a0, 0x1234
    /* medeleg holds the delegable exception bits that were written. */
    TEST 32
    li      a1, DELEG_ILLEGAL | DELEG_ECALL_U | DELEG_BREAK | (1 << CAUSE_LOAD_PAGE)
    csrw    medeleg, a1
    csrr    a0, medeleg
    CHECK_EQ a0, a1
    csrw    medeleg, zero
    /* mideleg holds the S-level interrupt bits (SSIP, STIP, SEIP). */
    TEST 33
    li      a1, (1 << 1) | (1 << 5) | (1 << 9)
    csrw    mideleg, a1
    csrr    a0, mideleg
    and     a0, a0, a1
    CHECK_EQ a0, a1
    csrw    mideleg, zero
TEST_END

    .balign 4
    /* S-mode handler: s2 = scause, s3 = stval, s4 = sepc, s5 = sstatus; then ecall to M. */
s_record:
    csrr    s2, scause
    csrr    s3, stval
    csrr    s4, sepc
    csrr    s5, sstatus
    ecall

    .balign 4
    /* M handler that reports mstatus: s9 = mcause, s7 = mstatus, s10 = MPP; resumes at tp in M. */
mpp_handler:
    csrr    s9, mcause
    csrr    s7, mstatus
    csrr    s10, mstatus
    srli    s10, s10, 11
    andi    s10, s10, 3
    li      s8, MSTATUS_MPP
    csrs    mstatus, s8
    csrw    mepc, tp
    mret
