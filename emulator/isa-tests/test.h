/*
 * Shared frame for termpress's own ISA test programs (written from the RISC-V unprivileged and
 * privileged specifications).
 *
 * A test starts in M-mode at 0x80000000 with no firmware, runs numbered checks and ends by writing
 * to the SiFive test finisher at 0x100000 (present in QEMU virt and in our Machine):
 *   0x5555                  pass (exit code 0)
 *   (code << 16) | 0x3333   fail with code
 * The fail code is the number of the failing check (1..254, register gp). A trap nobody expected
 * fails with code 0x8000 | interrupt << 14 | (mcause & 0x3f) << 8 | gp, so the low byte (the
 * part a shell sees of QEMU's exit status) is never zero; gp is 255 before the first check.
 *
 * Register conventions:
 *   gp        number of the current check
 *   tp        where EXPECT_TRAP resumes after the trap
 *   s8..s11   written by the recording trap handler: s9 = mcause, s10 = mtval, s11 = mepc
 *   t6        scratch of the CHECK macros
 */

#define FINISHER      0x100000
#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333

/* mstatus fields (privileged spec 3.1.6). */
#define MSTATUS_SIE   (1 << 1)
#define MSTATUS_MIE   (1 << 3)
#define MSTATUS_SPIE  (1 << 5)
#define MSTATUS_MPIE  (1 << 7)
#define MSTATUS_SPP   (1 << 8)
#define MSTATUS_MPP   (3 << 11)
#define MSTATUS_MPP_S (1 << 11)
#define MSTATUS_FS    (3 << 13)
#define MSTATUS_MPRV  (1 << 17)
#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)

/* mcause exception codes (privileged spec 3.1.15). */
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE       12
#define CAUSE_LOAD_PAGE        13
#define CAUSE_STORE_PAGE       15
#define CAUSE_INTERRUPT        (1 << 63)

/* fflags bits (unprivileged spec 11.2 / 13.2). */
#define NX 0x01
#define UF 0x02
#define OF 0x04
#define DZ 0x08
#define NV 0x10

/* Starts the program: M-mode set-up, then falls through into the checks. */
.macro TEST_BEGIN
    .section .text.init, "ax"
    .globl _start
_start:
    la      t0, unexpected_trap
    csrw    mtvec, t0
    /* Without PMP entries QEMU denies every S/U access (priv spec 3.7.1); open all memory with
       one NAPOT entry. An implementation with no PMP may trap here: skip_trap tolerates that. */
    la      t0, skip_trap
    csrw    mtvec, t0
    li      t0, -1
    csrw    pmpaddr0, t0
    li      t0, 0x1f
    csrw    pmpcfg0, t0
    la      t0, unexpected_trap
    csrw    mtvec, t0
    li      t0, MSTATUS_FS
    csrs    mstatus, t0
    csrwi   fcsr, 0
    la      sp, stack_top
    li      gp, 255
    j       test_body

    .balign 4
skip_trap:
    csrr    t1, mepc
    addi    t1, t1, 4
    csrw    mepc, t1
    mret

    .balign 4
unexpected_trap:
    csrr    t1, mcause
    srli    t2, t1, 49          /* interrupt bit (63) to bit 14 */
    li      t0, 0x4000
    and     t2, t2, t0
    andi    t1, t1, 0x3f
    slli    t1, t1, 8
    or      t1, t1, t2
    li      t0, 0x8000
    or      t1, t1, t0
    andi    t0, gp, 0xff
    or      t1, t1, t0
    j       finish_fail

pass:
    li      t0, FINISHER
    li      t1, FINISHER_PASS
    sw      t1, 0(t0)
1:  j       1b

fail:
    mv      t1, gp
finish_fail:
    slli    t1, t1, 16
    li      t0, FINISHER_FAIL
    or      t1, t1, t0
    li      t0, FINISHER
    sw      t1, 0(t0)
1:  j       1b

    /* Records an expected trap (s9 = mcause, s10 = mtval, s11 = mepc) and resumes at tp in M-mode. */
    .balign 4
record_trap:
    csrr    s9, mcause
    csrr    s10, mtval
    csrr    s11, mepc
    li      s8, MSTATUS_MPP
    csrs    mstatus, s8
    csrw    mepc, tp
    mret

test_body:
.endm

/* Ends the checks: every check passed. */
.macro TEST_END
    j       pass
    .section .bss
    .balign 16
stack:
    .skip   4096
stack_top:
    .text
.endm

/* Starts check number n (1..254). */
.macro TEST n
    .if (\n < 1) || (\n > 254)
    .error "check numbers are 1..254"
    .endif
    li      gp, \n
.endm

/* Fails the current check unless reg == expected (64-bit). */
.macro CHECK reg, expected
    li      t6, \expected
    beq     \reg, t6, 9999f
    j       fail
9999:
.endm

/* Fails the current check unless reg == sign-extended 32-bit expected. */
.macro CHECKW reg, expected
    li      t6, \expected
    sext.w  t6, t6
    beq     \reg, t6, 9999f
    j       fail
9999:
.endm

/* Fails the current check unless a == b. */
.macro CHECK_EQ a, b
    beq     \a, \b, 9999f
    j       fail
9999:
.endm

/* Register-register check: rd = op(v1, v2) must equal result. */
.macro TEST_RR n, op, result, v1, v2
    TEST    \n
    li      a1, \v1
    li      a2, \v2
    \op     a0, a1, a2
    CHECK   a0, \result
.endm

/* Register-immediate check: rd = op(v1, imm) must equal result. */
.macro TEST_RI n, op, result, v1, imm
    TEST    \n
    li      a1, \v1
    \op     a0, a1, \imm
    CHECK   a0, \result
.endm

/* Makes the next trap go to record_trap, which resumes at label in M-mode. */
.macro EXPECT_TRAP label
    la      s8, record_trap
    csrw    mtvec, s8
    la      tp, \label
    li      s9, -1
.endm

/* Restores the default handler that fails on any trap. */
.macro NO_TRAP
    la      s8, unexpected_trap
    csrw    mtvec, s8
.endm

/* Fails unless the recorded trap had the given mcause. */
.macro CHECK_CAUSE cause
    CHECK   s9, \cause
.endm

/* Drops from M-mode to mode (0 = U, 1 = S) and continues at label. */
.macro GOTO_MODE mode, label
    li      t6, MSTATUS_MPP
    csrc    mstatus, t6
    li      t6, (\mode << 11)
    csrs    mstatus, t6
    la      t6, \label
    csrw    mepc, t6
    mret
.endm
