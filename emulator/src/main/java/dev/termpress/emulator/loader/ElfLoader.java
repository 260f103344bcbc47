package dev.termpress.emulator.loader;

import dev.termpress.emulator.bus.Ram;

/**
 * Loads a statically linked ELF64 little-endian RISC-V executable into guest RAM (System V ABI,
 * ELF header and program header formats; RISC-V ELF psABI for the machine number).
 */
public final class ElfLoader {

    /** {@code e_ident[EI_CLASS]} for 64-bit objects. */
    private static final int ELFCLASS64 = 2;
    /** {@code e_ident[EI_DATA]} for little-endian objects. */
    private static final int ELFDATA2LSB = 1;
    /** {@code e_type} of an executable file. */
    private static final int ET_EXEC = 2;
    /** {@code e_machine} of RISC-V (psABI). */
    private static final int EM_RISCV = 243;
    /** {@code p_type} of a loadable segment. */
    private static final int PT_LOAD = 1;
    /** Size of the ELF64 file header. */
    private static final int EHDR_SIZE = 64;
    /** Size of one ELF64 program header. */
    private static final int PHDR_SIZE = 56;

    private ElfLoader() {
    }

    /**
     * Copies every {@code PT_LOAD} segment of {@code elf} to its physical address in {@code ram}
     * (zero-filling the part beyond the file image) and returns the entry address.
     *
     * @param name names the file in error messages
     * @throws ElfException if the bytes are not such an executable or a segment lies outside RAM
     */
    public static long load(byte[] elf, Ram ram, String name) {
        if (elf.length < EHDR_SIZE || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
            throw new ElfException(name + ": not an ELF file (no \\x7fELF magic in the first 4 bytes)");
        }
        if (elf[4] != ELFCLASS64) {
            throw new ElfException(name + ": ELF class " + elf[4] + ", expected 2 (ELFCLASS64, a 64-bit file)");
        }
        if (elf[5] != ELFDATA2LSB) {
            throw new ElfException(name + ": ELF data encoding " + elf[5] + ", expected 1 (little-endian)");
        }
        int type = u16(elf, 16);
        if (type != ET_EXEC) {
            throw new ElfException(name + ": ELF type " + type + ", expected 2 (ET_EXEC, a static executable)");
        }
        int machine = u16(elf, 18);
        if (machine != EM_RISCV) {
            throw new ElfException(name + ": ELF machine " + machine + ", expected 243 (EM_RISCV)");
        }
        long entry = u64(elf, 24);
        long phoff = u64(elf, 32);
        int phentsize = u16(elf, 54);
        int phnum = u16(elf, 56);
        if (phnum > 0 && phentsize < PHDR_SIZE) {
            throw new ElfException(name + ": program header size " + phentsize + ", expected at least " + PHDR_SIZE);
        }
        if (phoff < 0 || phoff > elf.length - (long) phnum * phentsize) {
            throw new ElfException(name + ": program headers lie beyond the end of the file ("
                    + elf.length + " bytes)");
        }
        int loaded = 0;
        for (int i = 0; i < phnum; i++) {
            int ph = (int) phoff + i * phentsize;
            if (u32(elf, ph) == PT_LOAD) {
                loadSegment(elf, ph, i, ram, name);
                loaded++;
            }
        }
        if (loaded == 0) {
            throw new ElfException(name + ": no PT_LOAD segment, nothing to load");
        }
        return entry;
    }

    private static void loadSegment(byte[] elf, int ph, int index, Ram ram, String name) {
        long offset = u64(elf, ph + 8);
        long paddr = u64(elf, ph + 24);
        long filesz = u64(elf, ph + 32);
        long memsz = u64(elf, ph + 40);
        if (filesz < 0 || memsz < filesz) {
            throw new ElfException(name + ": segment " + index + " has file size " + filesz
                    + " and memory size " + memsz + "; the memory size must be at least the file size");
        }
        if (offset < 0 || offset > elf.length - filesz) {
            throw new ElfException(name + ": segment " + index + " lies beyond the end of the file ("
                    + elf.length + " bytes)");
        }
        if (!ram.contains(paddr, memsz)) {
            throw new ElfException(String.format(
                    "%s: segment %d at 0x%x..0x%x is outside RAM 0x%x..0x%x",
                    name, index, paddr, paddr + memsz, Ram.BASE, Ram.BASE + ram.size()));
        }
        ram.write(paddr, elf, (int) offset, (int) filesz);
        for (long a = paddr + filesz; a < paddr + memsz; a++) {
            ram.store8(a, 0);
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xffff_ffffL;
    }

    private static long u64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}
