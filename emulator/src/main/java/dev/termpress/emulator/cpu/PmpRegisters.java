package dev.termpress.emulator.cpu;

/**
 * The physical memory protection CSRs (privileged spec §3.7) as WARL storage: 64 entries, their
 * configuration bytes packed eight to an even-numbered pmpcfg register (RV64 has no odd ones).
 * The emulator does not check accesses against them; it keeps what software writes, within the
 * legal values, so firmware and kernels that probe or program PMP read back what they wrote.
 */
final class PmpRegisters {

    static final int ENTRIES = 64;
    /** R, W, X, A (2 bits) and L; bits 5 and 6 are reserved and read as zero. */
    private static final int CFG_WRITABLE = 0x9f;
    private static final int CFG_R = 0x01;
    private static final int CFG_W = 0x02;
    private static final int CFG_A = 0x18;
    private static final int CFG_A_TOR = 0x08;
    private static final int CFG_L = 0x80;
    /** pmpaddr holds bits 55:2 of an address on RV64 (§3.7.1). */
    private static final long ADDR_WRITABLE = (1L << 54) - 1;

    private final byte[] cfg = new byte[ENTRIES];
    private final long[] addr = new long[ENTRIES];

    /** Whether {@code csr} is one of the RV64 PMP registers. */
    static boolean exists(int csr) {
        if (csr >= Csr.PMPCFG0 && csr <= Csr.PMPCFG15) {
            return ((csr - Csr.PMPCFG0) & 1) == 0;
        }
        return csr >= Csr.PMPADDR0 && csr <= Csr.PMPADDR63;
    }

    long read(int csr) {
        if (csr <= Csr.PMPCFG15) {
            int first = (csr - Csr.PMPCFG0) * 4;
            long value = 0;
            for (int k = 0; k < 8; k++) {
                value |= (cfg[first + k] & 0xffL) << (8 * k);
            }
            return value;
        }
        return addr[csr - Csr.PMPADDR0];
    }

    void write(int csr, long value) {
        if (csr <= Csr.PMPCFG15) {
            int first = (csr - Csr.PMPCFG0) * 4;
            for (int k = 0; k < 8; k++) {
                int entry = first + k;
                if ((cfg[entry] & CFG_L) == 0) {
                    cfg[entry] = (byte) legalCfg((int) (value >>> (8 * k)) & 0xff);
                }
            }
            return;
        }
        int entry = csr - Csr.PMPADDR0;
        if (locked(entry)) {
            return;
        }
        addr[entry] = value & ADDR_WRITABLE;
    }

    /** W without R is reserved (§3.7.1): such a write keeps neither. */
    private static int legalCfg(int value) {
        int legal = value & CFG_WRITABLE;
        if ((legal & (CFG_R | CFG_W)) == CFG_W) {
            legal &= ~CFG_W;
        }
        return legal;
    }

    /** A locked entry's address is fixed, and so is the one below a locked TOR entry (§3.7.1.3). */
    private boolean locked(int entry) {
        if ((cfg[entry] & CFG_L) != 0) {
            return true;
        }
        return entry + 1 < ENTRIES && (cfg[entry + 1] & (CFG_L | CFG_A)) == (CFG_L | CFG_A_TOR);
    }
}
