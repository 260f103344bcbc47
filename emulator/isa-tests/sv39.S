/* Sv39 virtual memory (privileged spec 4.3-4.4): page tables built here, a 1 GiB identity
   mapping of RAM for code, 2 MiB and 4 KiB pages, hardware A/D updates (both reference machines
   set them instead of faulting), and every page-fault case: invalid PTE, missing R/W/X, U pages
   from S with SUM off and on, S pages from U, MXR, misaligned superpage, non-leaf PTE at level 0,
   the reserved W-without-R encoding, a non-canonical address; sfence.vma after a PTE change,
   satp WARL, MPRV translating M-mode loads, and instructions that straddle two pages. Faults
   are not delegated: they reach M, which checks mcause and mtval (the faulting virtual address). */
#include "test.h"

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80
#define SATP_SV39 (8 << 60)
#define U_ALIAS   0x40000000           /* VA 0xc0000000: RAM again, with U set, for U-mode code */
#define VA_PAGES  0x40000000           /* 4 KiB test pages, see l0 below */
#define VA_MEGA   0x40200000           /* 2 MiB page at PA 0x80200000 */
#define VA_BADSUP 0x40400000           /* 2 MiB page with a misaligned PPN (VA 0x100000000: 1 GiB one) */

/* Sets table[index] = PTE for physical address label + offset with flags (t0, t1 scratch). */
.macro SET_PTE table, index, label, flags
    la      t0, \label
    srli    t0, t0, 12
    slli    t0, t0, 10
    ori     t0, t0, \flags
    la      t1, \table
    sd      t0, (\index * 8)(t1)
.endm

/* Runs up to three instructions in S-mode and comes back to M with s9 = mcause (9 if no fault), s10 = mtval. */
.macro RUN_S i1, i2="", i3=""
    EXPECT_TRAP 8888f
    GOTO_MODE 1, 8887f
8887: \i1
    \i2
    \i3
    ecall
8888:
.endm

/* The same in U-mode, running the code through the U alias of RAM. */
.macro RUN_U i1, i2="", i3=""
    EXPECT_TRAP 8888f
    li      t6, MSTATUS_MPP
    csrc    mstatus, t6
    la      t6, 8887f
    li      t5, U_ALIAS
    add     t6, t6, t5
    csrw    mepc, t6
    mret
8887: \i1
    \i2
    \i3
    ecall
8888:
.endm

TEST_BEGIN
    /* Root: [1] -> l1 (VA 0x40000000), [2] RAM identity (RWX), [3] RAM again with U. */
    li      t0, ((0x80000000 >> 12) << 10) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
    la      t1, root
    sd      t0, 16(t1)
    ori     t0, t0, PTE_U
    sd      t0, 24(t1)
    SET_PTE root, 1, l1, PTE_V
    li      t0, ((0x80200000 >> 12) << 10) | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    sd      t0, 32(t1)                              /* [4]: gigapage with a misaligned PPN */
    SET_PTE l1, 0, l0, PTE_V
    li      t0, ((0x80200000 >> 12) << 10) | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    la      t1, l1
    sd      t0, 8(t1)
    li      t0, ((0x80201000 >> 12) << 10) | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    sd      t0, 16(t1)
    SET_PTE l0, 0, page0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    SET_PTE l0, 1, page1, PTE_V | PTE_R | PTE_A
    SET_PTE l0, 2, page2, PTE_V | PTE_X | PTE_A
    SET_PTE l0, 3, page3, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D
    /* l0[4] stays 0: invalid */
    SET_PTE l0, 5, l0, PTE_V                        /* non-leaf at level 0 */
    SET_PTE l0, 6, page0, PTE_V | PTE_W | PTE_A | PTE_D  /* reserved: W without R */
    SET_PTE l0, 7, page0, PTE_V | PTE_R | PTE_W     /* A and D clear */
    SET_PTE l0, 8, page1, PTE_V | PTE_R | PTE_W | PTE_A  /* D clear */
    SET_PTE l0, 10, page0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    SET_PTE l0, 11, pageC, PTE_V | PTE_X | PTE_A     /* l0[12] stays invalid */
    SET_PTE l0, 14, pageA, PTE_V | PTE_X | PTE_A
    SET_PTE l0, 15, pageB, PTE_V | PTE_X | PTE_A     /* physically before pageA */
    SET_PTE l0, 16, page1, PTE_V | PTE_R | PTE_W | PTE_A  /* D clear, read before written */
    SET_PTE l0, 17, pageD, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D  /* pageD as data... */
    SET_PTE l0, 18, pageD, PTE_V | PTE_X | PTE_A     /* ...and as code */
    li      t0, 0x80200000
    li      t1, 0x5a5a
    sd      t1, 8(t0)

    /* satp: Sv39 reads back; a reserved mode is ignored, the whole write has no effect. */
    TEST  1
    la      t0, root
    srli    t0, t0, 12
    li      t1, SATP_SV39
    or      s0, t0, t1
    csrw    satp, s0
    csrr    a0, satp
    CHECK_EQ a0, s0
    TEST  2
    li      t1, (1 << 60) | 0x1234
    csrw    satp, t1
    csrr    a0, satp
    CHECK_EQ a0, s0
    sfence.vma

    /* Translated accesses from S. */
    TEST  3
    li      a1, VA_PAGES
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    CHECK   a0, 0x1111
    TEST  4
    li      a1, VA_PAGES + 0x1000
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    CHECK   a0, 0x2222
    TEST  5
    li      a1, VA_PAGES
    RUN_S   "li a0, 0x7777", "sd a0, 16(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    la      a1, page0
    ld      a0, 16(a1)
    CHECK   a0, 0x7777
    TEST  6
    li      a1, VA_MEGA
    RUN_S   "ld a0, 8(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    CHECK   a0, 0x5a5a
    TEST  7                                         /* execute from an X-only page: an ecall */
    li      a1, VA_PAGES + 0x2000
    RUN_S   "jr a1"
    CHECK_CAUSE CAUSE_ECALL_S
    li      a1, VA_PAGES + 0x2000
    CHECK_EQ s11, a1

    /* Page faults. */
    TEST 10                                         /* invalid PTE */
    li      a1, VA_PAGES + 0x4008
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    CHECK   s10, VA_PAGES + 0x4008
    TEST 11
    li      a1, VA_PAGES + 0x4000
    RUN_S   "sd a0, 0(a1)"
    CHECK_CAUSE CAUSE_STORE_PAGE
    TEST 12
    li      a1, VA_PAGES + 0x4000
    RUN_S   "jr a1"
    CHECK_CAUSE CAUSE_FETCH_PAGE
    CHECK   s10, VA_PAGES + 0x4000
    TEST 13                                         /* store to a read-only page */
    li      a1, VA_PAGES + 0x1000
    RUN_S   "sd a0, 8(a1)"
    CHECK_CAUSE CAUSE_STORE_PAGE
    CHECK   s10, VA_PAGES + 0x1008
    TEST 14                                         /* AMO to a read-only page: store/AMO fault */
    li      a1, VA_PAGES + 0x1000
    RUN_S   "amoadd.d a0, a0, (a1)"
    CHECK_CAUSE CAUSE_STORE_PAGE
    TEST 15                                         /* load from an execute-only page */
    li      a1, VA_PAGES + 0x2000
    RUN_S   "lw a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    TEST 16                                         /* fetch from a non-executable page */
    li      a1, VA_PAGES
    RUN_S   "jr a1"
    CHECK_CAUSE CAUSE_FETCH_PAGE
    CHECK   s10, VA_PAGES
    TEST 17                                         /* non-leaf PTE at level 0 */
    li      a1, VA_PAGES + 0x5000
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    TEST 18                                         /* W without R is reserved */
    li      a1, VA_PAGES + 0x6000
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    TEST 19
    li      a1, VA_PAGES + 0x6000
    RUN_S   "sd a0, 0(a1)"
    CHECK_CAUSE CAUSE_STORE_PAGE
    TEST 20                                         /* misaligned megapage */
    li      a1, VA_BADSUP
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    CHECK   s10, VA_BADSUP
    TEST 23                                         /* misaligned gigapage */
    li      a1, 0x100000000
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    CHECK   s10, 0x100000000
    TEST 21                                         /* bits 63..39 must equal bit 38 */
    li      a1, 0x0000008000000000 | VA_PAGES
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    TEST 22
    li      a1, 0xffffffc000000000
    RUN_S   "ld a0, 0(a1)"  /* canonical, but nothing mapped there */
    CHECK_CAUSE CAUSE_LOAD_PAGE

    /* U pages from S: faults with SUM = 0, fine with SUM = 1; never executable from S. */
    TEST 30
    li      a1, VA_PAGES + 0x3000
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    TEST 31
    li      t0, MSTATUS_SUM
    csrs    mstatus, t0
    li      a1, VA_PAGES + 0x3000
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    CHECK   a0, 0x3333
    TEST 32
    li      a1, VA_PAGES + 0x3000
    RUN_S   "sd a0, 8(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    TEST 33
    la      a1, page3_code
    la      a2, page3
    sub     a1, a1, a2
    li      a2, VA_PAGES + 0x3000
    add     s1, a1, a2                              /* VA of the ecall inside page3 */
    RUN_S   "jr s1"
    CHECK_CAUSE CAUSE_FETCH_PAGE
    CHECK_EQ s10, s1
    li      t0, MSTATUS_SUM
    csrc    mstatus, t0

    /* U-mode: U pages fine, S pages fault. */
    TEST 34
    li      a1, VA_PAGES + 0x3000
    RUN_U   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_ECALL_U
    CHECK   a0, 0x3333
    TEST 35
    li      a1, VA_PAGES
    RUN_U   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    TEST 36
    RUN_U   "jr s1"                                   /* U may execute a U page */
    CHECK_CAUSE CAUSE_ECALL_U
    TEST 37                                         /* U code cannot run from an S page */
    li      a1, 0x80000000
    RUN_U   "jr a1"
    CHECK_CAUSE CAUSE_FETCH_PAGE

    /* MXR: loads from execute-only pages become possible. */
    TEST 40
    li      t0, MSTATUS_MXR
    csrs    mstatus, t0
    li      a1, VA_PAGES + 0x2000
    RUN_S   "lw a0, 0(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    CHECK   a0, 0x00000073
    li      t0, MSTATUS_MXR
    csrc    mstatus, t0

    /* A and D: a load sets A, a store sets D. */
    TEST 50
    li      a1, VA_PAGES + 0x7000
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    CHECK   a0, 0x1111
    la      a1, l0
    ld      a2, 7 * 8(a1)
    andi    a0, a2, PTE_A
    CHECK   a0, PTE_A
    andi    a0, a2, PTE_D
    CHECK   a0, 0
    TEST 51
    li      a1, VA_PAGES + 0x8000
    RUN_S   "sd zero, 24(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    la      a1, l0
    ld      a2, 8 * 8(a1)
    andi    a0, a2, PTE_D
    CHECK   a0, PTE_D

    TEST 52                                         /* read first, then write: D still gets set */
    li      a1, VA_PAGES + 0x10000
    RUN_S   "ld a0, 0(a1)", "sd a0, 32(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    la      a1, l0
    ld      a2, 16 * 8(a1)
    andi    a0, a2, PTE_D
    CHECK   a0, PTE_D

    /* Permission bits are checked on every access: turning SUM or MXR off needs no sfence. */
    TEST 53
    li      t0, MSTATUS_SUM
    csrs    mstatus, t0
    li      a1, VA_PAGES + 0x3000
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    li      t0, MSTATUS_SUM
    csrc    mstatus, t0
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    TEST 54
    li      t0, MSTATUS_MXR
    csrs    mstatus, t0
    li      a1, VA_PAGES + 0x2000
    RUN_S   "lw a0, 0(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    li      t0, MSTATUS_MXR
    csrc    mstatus, t0
    RUN_S   "lw a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    TEST 55                                         /* a U page used from U, then from S */
    li      a1, VA_PAGES + 0x3000
    RUN_U   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_ECALL_U
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE

    /* Misaligned accesses across two pages: each part is translated; a fault in the second
       part names that part in mtval (privileged spec 3.1.16). */
    TEST 57
    li      a1, VA_PAGES + 0x0ffc                   /* page0 (RW) then page1 (R) */
    RUN_S   "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    li      a2, 0x0000222200000000                  /* page1 starts with 0x2222, page0 ends in 0 */
    CHECK_EQ a0, a2
    TEST 58
    RUN_S   "sd zero, 0(a1)"                        /* the page1 part is read-only */
    CHECK_CAUSE CAUSE_STORE_PAGE
    CHECK   s10, VA_PAGES + 0x1000
    TEST 59
    li      a1, VA_PAGES + 0x1ffe                   /* page1 (R) then page2 (X only) */
    RUN_S   "lw a0, 0(a1)"
    CHECK_CAUSE CAUSE_LOAD_PAGE
    CHECK   s10, VA_PAGES + 0x2000

    /* Code written through one virtual mapping runs through another after fence.i. */
    TEST 56
    li      a0, 0
    li      a1, VA_PAGES + 0x12000
    RUN_S   "jr a1"
    CHECK_CAUSE CAUSE_ECALL_S
    CHECK   a0, 1
    li      a0, 0
    li      a2, 0x00200513                          /* addi a0, zero, 2 */
    li      a3, VA_PAGES + 0x11000
    RUN_S   "sw a2, 0(a3)", "fence.i", "jr a1"
    CHECK_CAUSE CAUSE_ECALL_S
    CHECK   a0, 2

    /* sfence.vma makes a changed PTE visible. */
    TEST 60
    li      a1, VA_PAGES + 0xa000
    RUN_S   "ld a0, 0(a1)"
    CHECK   a0, 0x1111
    SET_PTE l0, 10, page1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    li      a1, VA_PAGES + 0xa000
    RUN_S   "sfence.vma", "ld a0, 0(a1)"
    CHECK_CAUSE CAUSE_ECALL_S
    CHECK   a0, 0x2222
    TEST 61                                         /* sfence.vma with an address operand */
    SET_PTE l0, 10, page3, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    li      a1, VA_PAGES + 0xa000
    RUN_S   "sfence.vma a1, zero", "ld a0, 0(a1)"
    CHECK   a0, 0x3333

    /* MPRV: M-mode loads and stores translate as MPP's mode. */
    TEST 70
    li      t0, MSTATUS_MPP
    csrc    mstatus, t0
    li      t0, MSTATUS_MPRV | MSTATUS_MPP_S
    csrs    mstatus, t0
    li      a1, VA_PAGES + 0x1000
    ld      a0, 0(a1)
    li      t0, MSTATUS_MPRV
    csrc    mstatus, t0
    CHECK   a0, 0x2222
    TEST 71                                         /* and fault like S would */
    li      t0, MSTATUS_MPRV | MSTATUS_MPP_S
    csrs    mstatus, t0
    EXPECT_TRAP 1f
    li      a1, VA_PAGES + 0x4000
    ld      a0, 0(a1)
    j       fail
1:  CHECK_CAUSE CAUSE_LOAD_PAGE
    li      t0, MSTATUS_MPRV
    csrc    mstatus, t0
    NO_TRAP

    /* A 32-bit instruction across two virtual pages whose physical pages are not adjacent:
       each half comes through its own translation. */
    TEST 75
    li      a0, 0
    li      a1, VA_PAGES + 0xeffe
    RUN_S   "jr a1"
    CHECK_CAUSE CAUSE_ECALL_S
    CHECK   a0, 0x123                             /* addi a0, zero, 0x123 */
    CHECK   s11, VA_PAGES + 0xf002
    /* The same with the second page invalid: a fetch page fault at the start of the
       instruction (mepc), mtval naming the part that faulted (privileged spec 3.1.16). */
    TEST 76
    li      a1, VA_PAGES + 0xbffe
    RUN_S   "jr a1"
    CHECK_CAUSE CAUSE_FETCH_PAGE
    CHECK   s11, VA_PAGES + 0xbffe
    CHECK   s10, VA_PAGES + 0xc000

    /* Bare mode again: no translation for S. */
    TEST 80
    csrw    satp, zero
    la      s2, page1
    RUN_S   "ld a0, 0(s2)"
    CHECK_CAUSE CAUSE_ECALL_S
    CHECK   a0, 0x2222
TEST_END

    .data
    .balign 4096
root:   .skip   4096
l1:     .skip   4096
l0:     .skip   4096
page0:  .dword  0x1111
        .balign 4096
page1:  .dword  0x2222
        .balign 4096
page2:  .word   0x00000073                      /* ecall */
        .balign 4096
page3:  .dword  0x3333
        .dword  0
page3_code:
        .word   0x00000073                      /* ecall */
        .balign 4096
pageB:  .half   0x1230                          /* upper half of addi a0, zero, 0x123 */
        .half   0x0073, 0x0000                  /* ecall */
        .balign 4096
pageA:  .skip   0xffe
        .half   0x0513                          /* lower half of addi a0, zero, 0x123 */
pageC:  .skip   0xffe                           /* also what follows pageA physically */
        .half   0x0513
        .balign 4096
pageD:  .word   0x00100513                      /* addi a0, zero, 1 */
        .word   0x00000073                      /* ecall */
        .balign 4096
