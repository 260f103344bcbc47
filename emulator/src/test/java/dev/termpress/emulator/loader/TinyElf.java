package dev.termpress.emulator.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds minimal ELF64 RISC-V executables in memory for tests: one PT_LOAD segment. */
public final class TinyElf {

    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;

    private TinyElf() {
    }

    /** An executable whose one segment holds {@code code} at {@code paddr}, followed by {@code bss} zero bytes. */
    public static byte[] executable(long paddr, byte[] code, int bss) {
        ByteBuffer b = ByteBuffer.allocate(EHDR_SIZE + PHDR_SIZE + code.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) 243).putInt(1); // ET_EXEC, EM_RISCV, EV_CURRENT
        b.putLong(paddr).putLong(EHDR_SIZE).putLong(0); // entry, phoff, shoff
        b.putInt(0).putShort((short) EHDR_SIZE).putShort((short) PHDR_SIZE).putShort((short) 1);
        b.putShort((short) 64).putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(5).putLong(EHDR_SIZE + PHDR_SIZE).putLong(paddr).putLong(paddr); // PT_LOAD, R+X
        b.putLong(code.length).putLong(code.length + bss).putLong(0x1000);
        b.put(code);
        return b.array();
    }

    /** An executable of instruction words at {@code paddr}, entered at its first word. */
    public static byte[] executable(long paddr, int... words) {
        ByteBuffer code = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int word : words) {
            code.putInt(word);
        }
        return executable(paddr, code.array(), 0);
    }
}
