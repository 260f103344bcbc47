package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The decoded-instruction cache never runs stale code: every test first runs an instruction (so it
 * is decoded and cached), then changes it by one write path, then runs it again.
 */
class DecodeCacheTest {

    private static final long BASE = Harness.BASE;
    private static final int S1 = 9;
    private static final int S2 = 18;
    private static final int OLD = addi(A0, ZERO, 1);
    private static final int NEW = addi(A0, ZERO, 42);
    private static final int FENCE_I = i(0, 0, 1, 0, 0x0f);
    private static final int C_NOP = 0x0001;

    private final Harness h = new Harness();

    private static int fsw(int rs2, int rs1, int imm) {
        return s(imm, rs2, rs1, 2, 0x27);
    }

    private static int fmvWx(int rd, int rs1) {
        return r(0x78, 0, rs1, 0, rd, 0x53);
    }

    /**
     * Runs the instruction at {@code target} (OLD), then {@code patch}, which must overwrite it with
     * NEW (t0 holds NEW, t1 the target's address, t2 NEW's upper half), then FENCE.I, then runs the
     * target again; returns a0, which is 42 only if the new instruction ran.
     */
    private long patchAndRerun(long target, int... patch) {
        int[] words = new int[6 + patch.length];
        int k = 0;
        words[k++] = OLD;
        int exit = 4 * (words.length - 1);
        words[k++] = b(exit - 4, ZERO, A1, 1); // bne a1, zero, exit: the second pass ends here
        words[k++] = addi(A1, ZERO, 1);
        for (int p : patch) {
            words[k++] = p;
        }
        words[k++] = FENCE_I;
        words[k] = j(-4 * k, ZERO);
        words[k + 1] = NOP;
        for (int w = 0; w < words.length; w++) { // halfword writes: target may be 2-byte aligned
            h.ram.store16(target + 4L * w, words[w]);
            h.ram.store16(target + 4L * w + 2, words[w] >>> 16);
        }
        h.cpu.setPc(target);
        h.set(T0, NEW).set(T1, target).set(T2, NEW >>> 16);
        h.step(patch.length + 7);
        return h.x(A0);
    }

    @Test
    void storeIntoTheRunningPageThenFenceIRunsTheNewInstruction() {
        assertThat(patchAndRerun(BASE, sw(T0, T1, 0))).isEqualTo(42);
    }

    @Test
    void secondStoreThroughTheNowMarkedStoreTranslationAlsoInvalidates() {
        // The first sw makes the store TLB entry (marked: the page holds code); the second uses it.
        assertThat(patchAndRerun(BASE, sw(ZERO, T1, 0x40), sw(T0, T1, 0))).isEqualTo(42);
    }

    @Test
    void storeOfOnlyTheUpperHalfDropsTheInstructionStartingBelowIt() {
        assertThat(OLD & 0xffff).as("the patch keeps OLD's low half, which NEW shares").isEqualTo(NEW & 0xffff);
        assertThat(patchAndRerun(BASE, sh(T2, T1, 2))).isEqualTo(42);
    }

    @Test
    void misalignedStoreInvalidates() {
        h.ram.store16(BASE, C_NOP);
        h.cpu.setPc(BASE);
        h.step(1); // the page is now cached
        assertThat(patchAndRerun(BASE + 2, sw(T0, T1, 0))).isEqualTo(42);
    }

    @Test
    void amoSwapInvalidates() {
        assertThat(patchAndRerun(BASE, amo(0x01, 2, ZERO, T1, T0))).isEqualTo(42);
    }

    @Test
    void storeConditionalInvalidates() {
        assertThat(patchAndRerun(BASE, amo(0x02, 2, A2, T1, 0), amo(0x03, 2, A2, T1, T0))).isEqualTo(42);
        assertThat(h.x(A2)).as("sc.w succeeded").isZero();
    }

    @Test
    void floatingPointStoreInvalidates() {
        h.cpu.setCsr(Csr.MSTATUS, 1L << 13); // FS = Initial
        assertThat(patchAndRerun(BASE, fmvWx(0, T0), fsw(0, T1, 0))).isEqualTo(42);
    }

    @Test
    void storeTranslationMadeBeforeThePageHeldCodeInvalidatesToo() {
        long other = BASE + 0x1000;
        h.program(
                sw(T0, T1, 0), // other page: OLD, then ret; the store TLB maps it as plain data
                sw(T2, T1, 4),
                jalr(RA, T1, 0), // runs OLD there: the page is cached now
                sw(A2, T1, 0), // NEW through the same store translation
                FENCE_I,
                jalr(RA, T1, 0));
        h.set(T0, OLD).set(T1, other).set(T2, jalr(ZERO, RA, 0)).set(A2, NEW);
        h.step(3 + 2 + 3 + 2);
        assertThat(h.x(A0)).isEqualTo(42);
    }

    @Test
    void hostStoreBetweenRunsIsSeen() {
        h.program(OLD, j(-4, ZERO)).step(2);
        assertThat(h.x(A0)).isEqualTo(1);
        h.ram.store32(BASE, NEW);
        h.cpu.setPc(BASE);
        h.step(1);
        assertThat(h.x(A0)).isEqualTo(42);
    }

    @Test
    void hostBulkWriteBetweenRunsIsSeen() {
        // Ram.write is what loaders and virtio devices (DMA into guest memory) use.
        h.program(OLD, j(-4, ZERO)).step(2);
        byte[] bytes = {(byte) NEW, (byte) (NEW >>> 8), (byte) (NEW >>> 16), (byte) (NEW >>> 24)};
        h.ram.write(BASE, bytes, 0, bytes.length);
        h.cpu.setPc(BASE);
        h.step(1);
        assertThat(h.x(A0)).isEqualTo(42);
    }

    @Test
    void instructionCrossingIntoAChangedPageIsReadAgain() {
        long crossing = BASE + 0xffe;
        h.ram.store16(crossing, OLD);
        h.ram.store16(crossing + 2, OLD >>> 16);
        h.ram.store32(crossing + 4, j(0, ZERO));
        h.cpu.setPc(crossing);
        h.step(2);
        assertThat(h.x(A0)).isEqualTo(1);
        h.ram.store16(crossing + 2, NEW >>> 16); // only the next page changes
        h.cpu.setPc(crossing);
        h.step(1);
        assertThat(h.x(A0)).isEqualTo(42);
    }

    /** Sv39 tables that map virtual page {@code VA} to one of two code pages. */
    private static final class TwoMappings {
        static final long VA = 0x4000_0000L;
        static final long ROOT_ONE = BASE + 0x10_000;
        static final long ROOT_TWO = BASE + 0x11_000;
        static final long LEAF_TABLE_ONE = BASE + 0x13_000;
        static final long CODE_ONE = BASE + 0x30_000;
        static final long CODE_TWO = BASE + 0x31_000;
        static final long V = 1;
        static final long R = 2;
        static final long W = 4;
        static final long X = 8;
        static final long A = 64;
        static final long D = 128;

        static long pte(long pa, long flags) {
            return ((pa >>> 12) << 10) | flags;
        }

        static void build(Harness h) {
            long[] roots = {ROOT_ONE, ROOT_TWO};
            long[] code = {CODE_ONE, CODE_TWO};
            for (int k = 0; k < 2; k++) {
                long middle = BASE + 0x12_000 + 0x2000L * k; // then the leaf table right after it
                h.ram.store64(roots[k] + 8 * 2, pte(BASE, V | R | W | X | A | D)); // identity over RAM
                h.ram.store64(roots[k] + 8, pte(middle, V));
                h.ram.store64(middle, pte(middle + 0x1000, V));
                h.ram.store64(middle + 0x1000, pte(code[k], V | R | X | A));
                h.code(code[k], addi(A0, ZERO, k + 1), jalr(ZERO, RA, 0));
            }
        }
    }

    @Test
    void satpWriteMapsTheSameVirtualPageToOtherCode() {
        TwoMappings.build(h);
        h.program(
                jalr(RA, S2, 0),
                addi(S1, A0, 0),
                csrrw(ZERO, Csr.SATP, T2),
                SFENCE_VMA,
                jalr(RA, S2, 0));
        h.cpu.setCsr(Csr.SATP, (Csr.SATP_MODE_SV39 << 60) | (TwoMappings.ROOT_ONE >>> 12));
        h.cpu.setPrivilege(Cpu.PRIV_S);
        h.set(S2, TwoMappings.VA).set(T2, (Csr.SATP_MODE_SV39 << 60) | (TwoMappings.ROOT_TWO >>> 12));
        h.step(9);
        assertThat(h.x(S1)).as("first mapping").isEqualTo(1);
        assertThat(h.x(A0)).as("second mapping").isEqualTo(2);
        assertThat(h.cpu.privilege()).isEqualTo(Cpu.PRIV_S);
    }

    @Test
    void sfenceAfterRemappingRunsTheNewPage() {
        TwoMappings.build(h);
        h.program(
                jalr(RA, S2, 0),
                addi(S1, A0, 0),
                sd(T2, T1, 0), // rewrite the leaf PTE: the page now maps CODE_TWO
                SFENCE_VMA,
                jalr(RA, S2, 0));
        h.cpu.setCsr(Csr.SATP, (Csr.SATP_MODE_SV39 << 60) | (TwoMappings.ROOT_ONE >>> 12));
        h.cpu.setPrivilege(Cpu.PRIV_S);
        h.set(S2, TwoMappings.VA).set(T1, TwoMappings.LEAF_TABLE_ONE)
                .set(T2, TwoMappings.pte(TwoMappings.CODE_TWO, TwoMappings.V | TwoMappings.R | TwoMappings.X
                        | TwoMappings.A));
        h.step(9);
        assertThat(h.x(S1)).as("old mapping").isEqualTo(1);
        assertThat(h.x(A0)).as("new mapping").isEqualTo(2);
    }
}
