package dev.termpress.emulator.cpu;

import dev.termpress.emulator.bus.Bus;
import dev.termpress.emulator.bus.Device;
import dev.termpress.emulator.bus.Ram;
import java.util.Arrays;

/**
 * Address translation (Sv39, privileged spec §4.3–4.4) with a software TLB per access kind, and the
 * slow paths of memory access: misaligned and page-crossing accesses, device registers, faults.
 *
 * <p>A TLB entry maps one 4 KiB virtual page of RAM to its offset inside {@link Ram#words()}, so the
 * interpreter's fast path is a tag compare and an array access. Entries are only made for RAM and
 * hold the permission outcome for the privilege, MPRV, SUM and MXR they were made under: that
 * state is part of the tag ({@link Cpu#updateTranslationKeys}), so changing it needs no flush;
 * satp writes and sfence.vma flush. Store entries are only made once the PTE's D bit is set.
 */
final class Mmu {

    static final int FETCH = 0;
    static final int LOAD = 1;
    static final int STORE = 2;

    static final int TLB_SIZE = 256;
    /** Tags are the virtual page number (52 bits) with the hart's translation key above it. */
    static final int KEY_SHIFT = 52;
    static final int TLB_MASK = TLB_SIZE - 1;

    private static final long PAGE_MASK = 0xfffL;
    private static final long VPN_MASK = (1L << KEY_SHIFT) - 1;
    /** Store TLB tag bit: the page holds decoded instructions (see {@link #markCodePage}). */
    static final long CODE_PAGE = 1L << 62;
    private static final int PAGE_SHIFT = 12;

    // PTE fields (§4.4.1).
    private static final long PTE_V = 1;
    private static final long PTE_R = 1 << 1;
    private static final long PTE_W = 1 << 2;
    private static final long PTE_X = 1 << 3;
    private static final long PTE_U = 1 << 4;
    private static final long PTE_A = 1 << 6;
    private static final long PTE_D = 1 << 7;
    private static final long PTE_PPN_MASK = (1L << 44) - 1;
    /** Bits 63..54: reserved, PBMT and N; none is implemented, so a set bit is a page fault. */
    private static final long PTE_RESERVED = -1L << 54;
    private static final int SV39_LEVELS = 3;
    private static final int PTE_SIZE = 8;

    /** Where each access kind's entries start in {@link #tlb}. */
    static final int FETCH_TLB = 0;
    static final int LOAD_TLB = 2 * TLB_SIZE;
    static final int STORE_TLB = 4 * TLB_SIZE;

    /**
     * The three TLBs in one array (the interpreter loop keeps one reference instead of six): entry
     * {@code i} of a kind is its tag at {@code KIND_TLB + 2 * i} and, beside it, the delta from
     * virtual address to RAM offset.
     */
    final long[] tlb = new long[6 * TLB_SIZE];

    private final Cpu cpu;
    private final Ram ram;
    /** Lockstep mode: every store TLB entry is marked, so every store reaches {@link Ram#written}. */
    boolean markAllStores;
    private final Bus bus;

    Mmu(Cpu cpu, Ram ram, Bus bus) {
        this.cpu = cpu;
        this.ram = ram;
        this.bus = bus;
        flush();
    }

    /**
     * Marks the store translations onto RAM page {@code page} (offset from {@link Ram#BASE} over
     * 4 KiB), which now holds decoded instructions: stores through a marked entry must tell
     * {@link Ram#written} (the interpreter's inline stores write RAM's array directly), and
     * {@link #store} writes through {@link Ram}, which does so itself.
     */
    void markCodePage(int page) {
        long target = (long) page << PAGE_SHIFT;
        for (int i = 0; i < TLB_SIZE; i++) {
            int t = STORE_TLB + 2 * i;
            long tag = tlb[t];
            if (tag != -1 && ((tag & VPN_MASK) << PAGE_SHIFT) + tlb[t + 1] == target) {
                tlb[t] = tag | CODE_PAGE;
            }
        }
    }

    /** Forgets every translation. */
    void flush() {
        Arrays.fill(tlb, -1L);
    }

    private static int faultCause(int access, boolean pageFault) {
        switch (access) {
            case FETCH:
                return pageFault ? Trap.INSTRUCTION_PAGE_FAULT : Trap.INSTRUCTION_ACCESS_FAULT;
            case LOAD:
                return pageFault ? Trap.LOAD_PAGE_FAULT : Trap.LOAD_ACCESS_FAULT;
            default:
                return pageFault ? Trap.STORE_PAGE_FAULT : Trap.STORE_ACCESS_FAULT;
        }
    }

    /**
     * Translates {@code va} for {@code access}; returns the physical address, or -1 with a trap
     * pending on the hart. Fills the TLB for that access kind when the page is RAM.
     */
    long translate(long va, int access) {
        int priv = cpu.priv;
        long mstatus = cpu.mstatus;
        if (access != FETCH && (mstatus & Csr.MSTATUS_MPRV) != 0 && priv == Cpu.PRIV_M) {
            priv = (int) ((mstatus & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT);
        }
        long satp = cpu.satp;
        long pa;
        if (priv == Cpu.PRIV_M || (satp >>> Csr.SATP_MODE_SHIFT) != Csr.SATP_MODE_SV39) {
            pa = va;
        } else {
            pa = walk(va, access, priv, mstatus, satp);
            if (pa == -1) {
                return -1;
            }
        }
        if (ram.contains(pa & ~PAGE_MASK, PAGE_MASK + 1)) {
            if (!ram.usable((int) ((pa - Ram.BASE) >>> PAGE_SHIFT))) {
                return absent(va);
            }
            long vpn = (va >>> PAGE_SHIFT) | (access == FETCH ? cpu.fetchKey : cpu.dataKey);
            int index = (int) vpn & TLB_MASK;
            long delta = (pa & ~PAGE_MASK) - Ram.BASE - (va & ~PAGE_MASK);
            switch (access) {
                case FETCH:
                    tlb[FETCH_TLB + 2 * index] = vpn;
                    tlb[FETCH_TLB + 2 * index + 1] = delta;
                    break;
                case LOAD:
                    tlb[LOAD_TLB + 2 * index] = vpn;
                    tlb[LOAD_TLB + 2 * index + 1] = delta;
                    break;
                default:
                    // Pages with decoded instructions get a marked entry: see markCodePage.
                    boolean code = markAllStores || ram.decodedPages()[(int) ((pa - Ram.BASE) >>> PAGE_SHIFT)] != 0;
                    tlb[STORE_TLB + 2 * index] = code ? vpn | CODE_PAGE : vpn;
                    tlb[STORE_TLB + 2 * index + 1] = delta;
                    break;
            }
        }
        return pa;
    }

    /** The page (or a page table on the way) has not arrived: no TLB entry, the hart stops before the access. */
    private long absent(long va) {
        cpu.pendTrap(Trap.PAGE_ABSENT, va);
        return -1;
    }

    private long pageFault(long va, int access) {
        cpu.pendTrap(faultCause(access, true), va);
        return -1;
    }

    private long walk(long va, int access, int priv, long mstatus, long satp) {
        if ((va << 25) >> 25 != va) {
            return pageFault(va, access); // bits 63..39 must all equal bit 38
        }
        long table = (satp & Csr.SATP_PPN_MASK) << PAGE_SHIFT;
        for (int level = SV39_LEVELS - 1; level >= 0; level--) {
            int vpnPart = (int) (va >>> (PAGE_SHIFT + 9 * level)) & 0x1ff;
            long pteAddr = table + (long) vpnPart * PTE_SIZE;
            if (!ram.contains(pteAddr, PTE_SIZE)) {
                cpu.pendTrap(faultCause(access, false), va);
                return -1;
            }
            if (!ram.usable((int) ((pteAddr - Ram.BASE) >>> PAGE_SHIFT))) {
                return absent(va);
            }
            long pte = ram.load64(pteAddr);
            if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0) || (pte & PTE_RESERVED) != 0) {
                return pageFault(va, access);
            }
            long ppn = (pte >>> 10) & PTE_PPN_MASK;
            if ((pte & (PTE_R | PTE_X)) == 0) {
                if ((pte & (PTE_A | PTE_D | PTE_U)) != 0) {
                    return pageFault(va, access); // non-leaf PTEs keep A, D and U clear (§4.4.1)
                }
                table = ppn << PAGE_SHIFT;
                continue;
            }
            if (!permitted(pte, access, priv, mstatus)) {
                return pageFault(va, access);
            }
            long levelMask = (1L << (9 * level)) - 1;
            if ((ppn & levelMask) != 0) {
                return pageFault(va, access); // misaligned superpage
            }
            long wanted = pte | PTE_A | (access == STORE ? PTE_D : 0);
            if (wanted != pte) {
                ram.store64(pteAddr, wanted); // hardware A/D update (Svadu behaviour)
            }
            long pageBase = (ppn & ~levelMask) << PAGE_SHIFT;
            return pageBase | (va & ((levelMask << PAGE_SHIFT) | PAGE_MASK));
        }
        return pageFault(va, access);
    }

    private static boolean permitted(long pte, int access, int priv, long mstatus) {
        boolean user = (pte & PTE_U) != 0;
        if (priv == Cpu.PRIV_U) {
            if (!user) {
                return false;
            }
        } else if (user && (access == FETCH || (mstatus & Csr.MSTATUS_SUM) == 0)) {
            return false; // S-mode never executes user pages, and reads/writes them only with SUM
        }
        switch (access) {
            case FETCH:
                return (pte & PTE_X) != 0;
            case LOAD:
                return (pte & PTE_R) != 0 || ((mstatus & Csr.MSTATUS_MXR) != 0 && (pte & PTE_X) != 0);
            default:
                return (pte & PTE_W) != 0;
        }
    }

    /**
     * Translates the page holding {@code pc} into the fetch TLB; false with a trap pending if it
     * cannot be executed from (a fault, or not RAM).
     */
    boolean fillFetch(long pc) {
        long pa = translate(pc, FETCH);
        if (pa == -1) {
            return false;
        }
        if (!ram.contains(pa, 2)) {
            cpu.pendTrap(Trap.INSTRUCTION_ACCESS_FAULT, pc);
            return false;
        }
        return true;
    }

    /** Fetches a 32-bit instruction whose upper half lies on the next page. */
    int fetchCrossing(long pc, int lowHalf) {
        long next = pc + 2;
        long pa = translate(next, FETCH);
        if (pa == -1) {
            return 0;
        }
        if (!ram.contains(pa, 2)) {
            cpu.pendTrap(Trap.INSTRUCTION_ACCESS_FAULT, next);
            return 0;
        }
        return (lowHalf & 0xffff) | (ram.load16(pa) << 16);
    }

    /**
     * Loads with the semantics of LOAD funct3 {@code kind} (LB LH LW LD LBU LHU LWU), for accesses
     * the fast path did not take; returns 0 with a trap pending on a fault.
     */
    long load(long va, int kind) {
        int size = 1 << (kind & 3);
        long raw;
        if (((va & PAGE_MASK) + size) > PAGE_MASK + 1) {
            raw = loadCrossing(va, size);
        } else {
            long vpn = va >>> PAGE_SHIFT;
            int index = (int) vpn & TLB_MASK;
            int t = LOAD_TLB + 2 * index;
            long pa = tlb[t] == (vpn | cpu.dataKey) ? va + tlb[t + 1] + Ram.BASE : translate(va, LOAD);
            if (pa == -1) {
                return 0;
            }
            raw = loadPhysical(pa, size, va);
        }
        return extend(raw, kind);
    }

    static long extend(long raw, int kind) {
        switch (kind) {
            case 0:
                return (byte) raw;
            case 1:
                return (short) raw;
            case 2:
                return (int) raw;
            case 4:
                return raw & 0xff;
            case 5:
                return raw & 0xffff;
            case 6:
                return raw & 0xffff_ffffL;
            default:
                return raw;
        }
    }

    private long loadCrossing(long va, int size) {
        long second = (va | PAGE_MASK) + 1;
        long pa1 = translate(va, LOAD);
        if (pa1 == -1) {
            return 0;
        }
        long pa2 = translate(second, LOAD);
        if (pa2 == -1) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            long addr = va + i;
            long pa = addr < second ? pa1 + i : pa2 + (addr - second);
            long b = loadPhysical(pa, 1, addr);
            if (cpu.trapPending) {
                return 0;
            }
            value |= (b & 0xff) << (8 * i);
        }
        return value;
    }

    /** Reads {@code size} bytes at a physical address; RAM or a device, else an access fault. */
    long loadPhysical(long pa, int size, long va) {
        if (ram.contains(pa, size)) {
            switch (size) {
                case 1:
                    return ram.load8(pa);
                case 2:
                    return ram.load16(pa);
                case 4:
                    return ram.load32(pa);
                default:
                    return ram.load64(pa);
            }
        }
        Device device = bus.find(pa, size);
        if (device == null) {
            cpu.pendTrap(Trap.LOAD_ACCESS_FAULT, va);
            return 0;
        }
        cpu.syncForDevice();
        return device.read(pa - device.base(), size);
    }

    /** Stores the low {@code 1 << sizeLog2} bytes of {@code value}; sets a pending trap on a fault. */
    void store(long va, int sizeLog2, long value) {
        int size = 1 << sizeLog2;
        if (((va & PAGE_MASK) + size) > PAGE_MASK + 1) {
            storeCrossing(va, size, value);
            return;
        }
        long vpn = va >>> PAGE_SHIFT;
        int index = (int) vpn & TLB_MASK;
        int t = STORE_TLB + 2 * index;
        boolean mapped = (tlb[t] & ~CODE_PAGE) == (vpn | cpu.dataKey);
        long pa = mapped ? va + tlb[t + 1] + Ram.BASE : translate(va, STORE);
        if (pa != -1) {
            storePhysical(pa, size, value, va);
        }
    }

    private void storeCrossing(long va, int size, long value) {
        long second = (va | PAGE_MASK) + 1;
        long pa1 = translate(va, STORE);
        if (pa1 == -1) {
            return;
        }
        long pa2 = translate(second, STORE);
        if (pa2 == -1) {
            return;
        }
        for (int i = 0; i < size; i++) {
            long addr = va + i;
            long pa = addr < second ? pa1 + i : pa2 + (addr - second);
            storePhysical(pa, 1, value >>> (8 * i), addr);
            if (cpu.trapPending) {
                return;
            }
        }
    }

    void storePhysical(long pa, int size, long value, long va) {
        if (ram.contains(pa, size)) {
            switch (size) {
                case 1:
                    ram.store8(pa, (int) value);
                    break;
                case 2:
                    ram.store16(pa, (int) value);
                    break;
                case 4:
                    ram.store32(pa, (int) value);
                    break;
                default:
                    ram.store64(pa, value);
                    break;
            }
            return;
        }
        Device device = bus.find(pa, size);
        if (device == null) {
            cpu.pendTrap(Trap.STORE_ACCESS_FAULT, va);
            return;
        }
        cpu.syncForDevice();
        device.write(pa - device.base(), size, value);
    }
}
