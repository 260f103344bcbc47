package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MmuTest {

    private static final long BASE = Harness.BASE;
    private static final long ROOT = BASE + 0x10_000;
    private static final long L1 = BASE + 0x11_000;
    private static final long L0 = BASE + 0x12_000;
    private static final long DATA_PA = BASE + 0x20_000;
    private static final long VA = 0x4000_0000L; // root index 1, then L1[0], L0[0..]
    private static final long HANDLER = BASE + 0x800;

    static final long V = 1;
    static final long R = 2;
    static final long W = 4;
    static final long X = 8;
    static final long U = 16;
    static final long A = 64;
    static final long D = 128;

    private final Harness h = new Harness();

    MmuTest() {
        // Identity gigapage over RAM for code, a table for the data window at VA.
        h.ram.store64(ROOT + 8 * 2, pte(BASE, V | R | W | X | A | D));
        h.ram.store64(ROOT + 8 * 1, pte(L1, V));
        h.ram.store64(L1, pte(L0, V));
        h.cpu.setCsr(Csr.SATP, (Csr.SATP_MODE_SV39 << 60) | (ROOT >>> 12));
        h.cpu.setCsr(Csr.MTVEC, HANDLER);
        for (int k = 0; k < 16; k++) {
            h.code(HANDLER + 4L * k, NOP);
        }
        h.ram.store64(DATA_PA, 0x1234_5678_9abc_def0L);
    }

    private static long pte(long pa, long flags) {
        return ((pa >>> 12) << 10) | flags;
    }

    private void mapData(int page, long flags) {
        h.ram.store64(L0 + 8L * page, pte(DATA_PA + 0x1000L * page, flags));
    }

    private void runSupervisor(long mstatusExtra, int... code) {
        h.cpu.setCsr(Csr.MSTATUS, mstatusExtra);
        h.cpu.setPrivilege(Cpu.PRIV_S);
        h.program(code).step(code.length);
    }

    @Test
    void loadThroughFourKilobytePageSetsAccessedThenStoreSetsDirty() {
        mapData(0, V | R | W);
        h.set(A1, VA).set(A2, 77);
        runSupervisor(0, ld(A0, A1, 0), sd(A2, A1, 8));
        assertThat(h.x(A0)).isEqualTo(0x1234_5678_9abc_def0L);
        long entry = h.ram.load64(L0);
        assertThat(entry & A).as("A set by the load").isNotZero();
        assertThat(entry & D).as("D set by the store").isNotZero();
        assertThat(h.ram.load64(DATA_PA + 8)).isEqualTo(77);
        assertThat(h.cpu.privilege()).isEqualTo(Cpu.PRIV_S);
    }

    @Test
    void userPageNeedsSumFromSupervisor() {
        mapData(0, V | R | W | U | A | D);
        h.set(A1, VA);
        runSupervisor(0, ld(A0, A1, 0));
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.LOAD_PAGE_FAULT);
        assertThat(h.cpu.csr(Csr.MTVAL)).isEqualTo(VA);

        Harness again = h; // reuse: same tables, now with SUM
        again.cpu.setPc(BASE);
        runSupervisor(Csr.MSTATUS_SUM, ld(A0, A1, 0));
        assertThat(h.x(A0)).isEqualTo(0x1234_5678_9abc_def0L);
    }

    @Test
    void supervisorNeverExecutesUserPages() {
        mapData(0, V | R | X | U | A);
        h.ram.store32(DATA_PA, NOP);
        h.cpu.setCsr(Csr.MSTATUS, Csr.MSTATUS_SUM);
        h.cpu.setPrivilege(Cpu.PRIV_S);
        h.cpu.setPc(VA);
        h.step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.INSTRUCTION_PAGE_FAULT);
        assertThat(h.cpu.csr(Csr.MEPC)).isEqualTo(VA);
    }

    @Test
    void userModeRunsFromUserPages() {
        mapData(0, V | R | X | U | A);
        h.ram.store32(DATA_PA, addi(A0, ZERO, 9));
        h.cpu.setPrivilege(Cpu.PRIV_U);
        h.cpu.setPc(VA);
        h.step(1);
        assertThat(h.x(A0)).isEqualTo(9);
        assertThat(h.cpu.pc()).isEqualTo(VA + 4);
    }

    @Test
    void executeOnlyPageIsReadableOnlyWithMxr() {
        mapData(0, V | X | A);
        h.set(A1, VA);
        runSupervisor(0, ld(A0, A1, 0));
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.LOAD_PAGE_FAULT);
        h.cpu.setPc(BASE);
        runSupervisor(Csr.MSTATUS_MXR, ld(A0, A1, 0));
        assertThat(h.x(A0)).isEqualTo(0x1234_5678_9abc_def0L);
    }

    @Test
    void storeToReadOnlyPageFaults() {
        mapData(0, V | R | A);
        h.set(A1, VA + 16);
        runSupervisor(0, sd(A1, A1, 0));
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.STORE_PAGE_FAULT);
        assertThat(h.cpu.csr(Csr.MTVAL)).isEqualTo(VA + 16);
        assertThat(h.ram.load64(DATA_PA + 16)).isZero();
    }

    @Test
    void invalidReservedAndNonCanonicalAddressesFault() {
        mapData(0, R | W); // V clear
        mapData(1, V | W | A); // W without R is reserved
        mapData(2, V | R | A | (1L << 60)); // reserved high bit
        long[] addresses = {VA, VA + 0x1000, VA + 0x2000, 1L << 40};
        for (long address : addresses) {
            h.cpu.setPc(BASE);
            h.set(A1, address);
            runSupervisor(0, ld(A0, A1, 0));
            assertThat(h.cpu.csr(Csr.MCAUSE)).as("cause for 0x%x", address).isEqualTo(Trap.LOAD_PAGE_FAULT);
            assertThat(h.cpu.csr(Csr.MTVAL)).isEqualTo(address);
        }
    }

    @Test
    void misalignedSuperpageFaults() {
        h.ram.store64(L1 + 8, pte(DATA_PA, V | R | A)); // a megapage whose PPN is not 2 MiB aligned
        h.set(A1, VA + 0x20_0000);
        runSupervisor(0, ld(A0, A1, 0));
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.LOAD_PAGE_FAULT);
    }

    @Test
    void megapageTranslatesOffsetsWithinIt() {
        h.ram.store64(L1 + 8, pte(BASE + 0x20_0000, V | R | A)); // aligned megapage at PA BASE+2 MiB
        h.ram.store64(BASE + 0x20_0000 + 0x1_2348, 42);
        h.set(A1, VA + 0x20_0000 + 0x1_2348);
        runSupervisor(0, ld(A0, A1, 0));
        assertThat(h.x(A0)).isEqualTo(42);
    }

    @Test
    void mprvTranslatesMachineModeDataAccesses() {
        mapData(0, V | R | A);
        h.cpu.setCsr(Csr.MSTATUS, Csr.MSTATUS_MPRV | (1L << Csr.MSTATUS_MPP_SHIFT));
        h.set(A1, VA).program(ld(A0, A1, 0)).step(1);
        assertThat(h.x(A0)).isEqualTo(0x1234_5678_9abc_def0L);
        assertThat(h.cpu.privilege()).isEqualTo(Cpu.PRIV_M);
    }

    @Test
    void sfenceMakesNewMappingsVisible() {
        mapData(0, V | R | A);
        h.ram.store64(DATA_PA + 0x1000, 5);
        h.set(A1, VA);
        runSupervisor(0, ld(A0, A1, 0));
        mapData(0, 0); // unmap, but the TLB may still hold it
        h.ram.store64(L0, pte(DATA_PA + 0x1000, V | R | A));
        h.cpu.setPc(BASE);
        h.program(SFENCE_VMA, ld(A0, A1, 0)).step(2);
        assertThat(h.x(A0)).isEqualTo(5);
    }

    @Test
    void satpIgnoresUnsupportedModesAndHasNoAsidBits() {
        long before = h.cpu.csr(Csr.SATP);
        h.cpu.setCsr(Csr.SATP, (9L << 60) | 0x1234);
        assertThat(h.cpu.csr(Csr.SATP)).isEqualTo(before);
        h.cpu.setCsr(Csr.SATP, (8L << 60) | (0xffffL << 44) | 0x1234);
        assertThat(h.cpu.csr(Csr.SATP)).isEqualTo((8L << 60) | 0x1234);
    }

    @Test
    void supervisorTranslationsDoNotLeakToUserMode() {
        mapData(0, V | R | W | A | D); // a kernel page
        h.set(A1, VA);
        runSupervisor(0, ld(A0, A1, 0)); // now in the TLB under the S key
        assertThat(h.x(A0)).isEqualTo(0x1234_5678_9abc_def0L);
        h.ram.store64(ROOT + 8 * 2, pte(BASE, V | R | W | X | U | A | D)); // let U run the code page
        h.cpu.setPrivilege(Cpu.PRIV_U);
        h.cpu.setPc(BASE);
        h.set(A0, 0).step(1);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.LOAD_PAGE_FAULT);
        assertThat(h.cpu.csr(Csr.MEPC)).isEqualTo(BASE);
        assertThat(h.x(A0)).isZero();
    }

    @Test
    void clearingSumRevokesAccessToUserPagesWithoutSfence() {
        mapData(0, V | R | W | U | A | D);
        h.set(A1, VA).set(T0, Csr.MSTATUS_SUM);
        runSupervisor(Csr.MSTATUS_SUM, ld(A0, A1, 0), csrrc(ZERO, Csr.SSTATUS, T0), ld(A2, A1, 0));
        assertThat(h.x(A0)).isEqualTo(0x1234_5678_9abc_def0L);
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.LOAD_PAGE_FAULT);
        assertThat(h.cpu.csr(Csr.MEPC)).isEqualTo(BASE + 8);
        assertThat(h.x(A2)).isZero();
    }

    @Test
    void pageCrossingStoreFaultsBeforeWritingAnything() {
        mapData(0, V | R | W | A | D);
        mapData(1, V | R | A); // read-only second page
        h.set(A1, VA + 0xffc).set(A2, -1L);
        runSupervisor(0, sd(A2, A1, 0));
        assertThat(h.cpu.csr(Csr.MCAUSE)).isEqualTo(Trap.STORE_PAGE_FAULT);
        assertThat(h.ram.load32(DATA_PA + 0xffc)).isZero();
    }
}
