/* Interrupts (privileged spec 3.1.9, 3.3.3, 4.1.3; CLINT as in QEMU virt): machine software
   interrupts through msip, machine timer interrupts through mtime/mtimecmp, mip reflecting the
   pending lines, priority MSI over MTI, global enable rules per mode, WFI waking up on a pending
   interrupt even when it is disabled, vectored mtvec, and S-mode timer and software interrupts
   delegated through mideleg. */
#include "test.h"

#define CLINT_MSIP     0x02000000
#define CLINT_MTIMECMP 0x02004000
#define CLINT_MTIME    0x0200bff8
#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define INT(n)  (CAUSE_INTERRUPT | (n))

/* Makes the next interrupt go to int_record, which resumes at label in M with MIE off. */
.macro EXPECT_INT label
    la      s8, int_record
    csrw    mtvec, s8
    la      tp, \label
    li      s9, -1
.endm

.macro SET_MSIP value
    li      t0, CLINT_MSIP
    li      t1, \value
    sw      t1, 0(t0)
.endm

/* mtimecmp = mtime + delta */
.macro TIMER_IN delta
    li      t0, CLINT_MTIME
    ld      t1, 0(t0)
    li      t2, \delta
    add     t1, t1, t2
    li      t0, CLINT_MTIMECMP
    sd      t1, 0(t0)
.endm

.macro TIMER_OFF
    li      t0, CLINT_MTIMECMP
    li      t1, -1
    sd      t1, 0(t0)
.endm

TEST_BEGIN
    TIMER_OFF
    csrw    mie, zero
    la      t0, s_record
    csrw    stvec, t0

    /* msip drives mip.MSIP, with or without enables. */
    TEST  1
    SET_MSIP 1
    csrr    a0, mip
    andi    a0, a0, 1 << IRQ_MSI
    CHECK   a0, 1 << IRQ_MSI
    SET_MSIP 0
    csrr    a0, mip
    andi    a0, a0, 1 << IRQ_MSI
    CHECK   a0, 0
    /* mtime moves forward. */
    TEST  2
    li      t0, CLINT_MTIME
    ld      a1, 0(t0)
    li      a2, 1000
1:  addi    a2, a2, -1
    bnez    a2, 1b
    ld      a0, 0(t0)
    bltu    a1, a0, 2f
    j       fail
2:
    /* Pending and enabled, but mstatus.MIE = 0: no trap in M. */
    TEST  3
    EXPECT_INT fail
    li      t0, 1 << IRQ_MSI
    csrs    mie, t0
    SET_MSIP 1
    nop
    nop
    /* Setting MIE takes it at once. */
    TEST  4
    EXPECT_INT 3f
    csrsi   mstatus, MSTATUS_MIE
4:  j       4b
3:  CHECK   s9, INT(IRQ_MSI)
    SET_MSIP 0
    csrw    mie, zero

    /* Machine timer: mtimecmp <= mtime raises MTIP; waiting with wfi. */
    TEST 10
    li      t0, 1 << IRQ_MTI
    csrs    mie, t0
    EXPECT_INT 5f
    TIMER_IN 2000
    csrsi   mstatus, MSTATUS_MIE
6:  wfi
    j       6b
5:  CHECK   s9, INT(IRQ_MTI)
    la      a1, 6b                         /* wfi completed: mepc is the instruction after it */
    addi    a1, a1, 4
    CHECK_EQ s11, a1
    csrr    a0, mip
    andi    a0, a0, 1 << IRQ_MTI
    CHECK   a0, 1 << IRQ_MTI
    TEST 11                                /* MTIP is read-only in mip: only mtimecmp clears it */
    li      t0, 1 << IRQ_MTI
    csrc    mip, t0
    csrr    a0, mip
    andi    a0, a0, 1 << IRQ_MTI
    CHECK   a0, 1 << IRQ_MTI
    TIMER_OFF
    csrr    a0, mip
    andi    a0, a0, 1 << IRQ_MTI
    CHECK   a0, 0

    /* WFI wakes up on a pending, locally enabled interrupt even with MIE = 0, without a trap. */
    TEST 12
    EXPECT_INT fail
    TIMER_IN 2000
7:  wfi
    csrr    a0, mip
    andi    a0, a0, 1 << IRQ_MTI
    beqz    a0, 7b                         /* wfi may also return early: wait for the timer */
    TIMER_OFF
    csrw    mie, zero

    /* Priority: with MSI and MTI both pending, MSI is taken first. */
    TEST 20
    SET_MSIP 1
    TIMER_IN 0
    li      t0, (1 << IRQ_MSI) | (1 << IRQ_MTI)
    csrs    mie, t0
8:  csrr    a0, mip                        /* wait until MTIP is visible too */
    andi    a0, a0, 1 << IRQ_MTI
    beqz    a0, 8b
    EXPECT_INT 9f
    csrsi   mstatus, MSTATUS_MIE
10: j       10b
9:  CHECK   s9, INT(IRQ_MSI)
    SET_MSIP 0
    TEST 21
    EXPECT_INT 11f
    csrsi   mstatus, MSTATUS_MIE
12: j       12b
11: CHECK   s9, INT(IRQ_MTI)
    TIMER_OFF
    csrw    mie, zero

    /* M interrupts are always enabled in S and U, whatever mstatus.MIE says. */
    TEST 22
    li      t0, 1 << IRQ_MSI
    csrs    mie, t0
    SET_MSIP 1
    EXPECT_INT 13f
    li      t0, MSTATUS_MPIE
    csrc    mstatus, t0                    /* MIE stays 0 after the mret below */
    GOTO_MODE 1, 14f
14: j       14b
13: CHECK   s9, INT(IRQ_MSI)
    SET_MSIP 0
    csrw    mie, zero

    /* Vectored mtvec: interrupt n goes to base + 4 * n; exceptions still go to base. */
    TEST 30
    la      t0, vectors
    ori     t0, t0, 1
    csrw    mtvec, t0
    la      tp, 15f
    li      s9, -1
    li      t0, 1 << IRQ_MTI
    csrs    mie, t0
    TIMER_IN 500
    csrsi   mstatus, MSTATUS_MIE
16: wfi
    j       16b
15: CHECK   s9, 0x77                       /* marker of vector entry 7 */
    TIMER_OFF
    csrw    mie, zero
    TEST 31
    la      tp, 17f
    ecall
17: CHECK   s9, 0x11                       /* marker of the base entry */

    /* Delegated S timer interrupt (STIP written by M, as an SBI would): taken in S. */
    TEST 40
    li      t0, 1 << IRQ_STI
    csrw    mideleg, t0
    csrs    mie, t0
    csrs    mip, t0
    csrr    a0, mip
    and     a0, a0, t0
    CHECK_EQ a0, t0
    /* Not taken in M: a delegated interrupt is an S-level one. */
    EXPECT_INT fail
    csrsi   mstatus, MSTATUS_MIE
    nop
    csrci   mstatus, MSTATUS_MIE
    /* In S with SIE = 1: scause = interrupt 5. */
    EXPECT_TRAP 18f
    csrsi   mstatus, MSTATUS_SIE
    GOTO_MODE 1, 19f
19: j       19b
18: CHECK_CAUSE CAUSE_ECALL_S              /* s_record's ecall */
    CHECK   s2, INT(IRQ_STI)
    TEST 41
    csrr    a0, sip                         /* sip shows STIP */
    andi    a0, a0, 1 << IRQ_STI
    CHECK   a0, 1 << IRQ_STI
    li      t0, 1 << IRQ_STI
    csrc    mip, t0
    csrw    mie, zero

    /* S software interrupt: S sets sip.SSIP itself. */
    TEST 42
    li      t0, 1 << IRQ_SSI
    csrw    mideleg, t0
    EXPECT_TRAP 20f
    csrsi   mstatus, MSTATUS_SIE
    GOTO_MODE 1, 21f
21: csrsi   sie, 1 << IRQ_SSI
    csrsi   sip, 1 << IRQ_SSI
22: j       22b
20: CHECK_CAUSE CAUSE_ECALL_S
    CHECK   s2, INT(IRQ_SSI)
    csrci   sip, 1 << IRQ_SSI
    csrr    a0, mip
    andi    a0, a0, 1 << IRQ_SSI
    CHECK   a0, 0
    /* In S with SIE = 0 the S interrupt waits; in U it is always taken. */
    TEST 43
    csrci   mstatus, MSTATUS_SIE
    li      t0, 1 << IRQ_SSI
    csrs    mip, t0
    EXPECT_TRAP 23f
    GOTO_MODE 1, 24f
24: nop
    nop
    li      s2, 0
    ecall
    j       fail
23: CHECK_CAUSE CAUSE_ECALL_S
    CHECK   s2, 0                           /* s_record did not run before the ecall */
    TEST 44
    EXPECT_TRAP 25f
    GOTO_MODE 0, 26f
26: j       26b
25: CHECK_CAUSE CAUSE_ECALL_S
    CHECK   s2, INT(IRQ_SSI)
    li      t0, 1 << IRQ_SSI
    csrc    mip, t0
    csrw    mie, zero
    csrw    mideleg, zero
    NO_TRAP
TEST_END

    .balign 4
    /* M interrupt handler: s9 = mcause, s11 = mepc; resumes at tp in M with MIE left off. */
int_record:
    csrr    s9, mcause
    csrr    s11, mepc
    li      s8, MSTATUS_MPIE
    csrc    mstatus, s8
    li      s8, MSTATUS_MPP
    csrs    mstatus, s8
    csrw    mepc, tp
    mret

    .balign 4
    /* S handler: s2 = scause, s4 = sepc; then ecall to M (record_trap). */
s_record:
    csrr    s2, scause
    csrr    s4, sepc
    csrci   sstatus, MSTATUS_SIE
    li      s8, MSTATUS_SPIE
    csrc    sstatus, s8
    ecall

    /* Vector table: entry 0 (exceptions) marks 0x11, entry 7 (machine timer) marks 0x77. */
    .balign 256
    .option push
    .option norvc                          /* each entry is one 4-byte jump */
vectors:
    j       vec_exception
    .rept 6
    j       fail
    .endr
    j       vec_timer
    .rept 8
    j       fail
    .endr
    .option pop
vec_exception:
    li      s9, 0x11
    j       int_resume
vec_timer:
    li      s9, 0x77
int_resume:
    li      s8, MSTATUS_MPIE
    csrc    mstatus, s8
    li      s8, MSTATUS_MPP
    csrs    mstatus, s8
    csrw    mepc, tp
    mret
