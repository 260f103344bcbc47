package dev.termpress.emulator.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.bus.Ram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ElfLoaderTest {

    private static final long ENTRY = 0x8000_0000L;

    private static byte[] elf(long paddr, byte[] code, int bss) {
        return TinyElf.executable(paddr, code, bss);
    }

    @Test
    void loadsSegmentAndZeroFillsBss() {
        Ram ram = new Ram(0x10000);
        ram.store32(0x8000_0004L, 0xdeadbeef);
        ram.store32(0x8000_0008L, 0xdeadbeef);
        long entry = ElfLoader.load(elf(ENTRY, new byte[] {0x13, 0, 0, 0}, 8), ram, "tiny.elf");

        assertThat(entry).isEqualTo(ENTRY);
        assertThat(ram.load32(ENTRY)).isEqualTo(0x13);
        assertThat(ram.load32(ENTRY + 4)).isZero();
        assertThat(ram.load32(ENTRY + 8)).isZero();
    }

    @Test
    void loadsACommittedIsaTestProgram() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/dev/termpress/emulator/isa/rv64i-alu.elf")) {
            assertThat(in).isNotNull();
            bytes = in.readAllBytes();
        }
        Ram ram = new Ram(1 << 20);

        long entry = ElfLoader.load(bytes, ram, "rv64i-alu.elf");

        assertThat(entry).isEqualTo(ENTRY);
        // The first instruction of test.h's start-up code is AUIPC t0 (opcode 0x17, rd = 5).
        assertThat(ram.load32(ENTRY) & 0xfff).isEqualTo(0x297);
    }

    @Test
    void rejectsNonElf() {
        assertThatThrownBy(() -> ElfLoader.load("#!/bin/sh\n".repeat(10).getBytes(), new Ram(0x1000), "script"))
                .isInstanceOf(ElfException.class)
                .hasMessageContaining("script: not an ELF file");
    }

    @Test
    void rejectsTruncatedFile() {
        assertThatThrownBy(() -> ElfLoader.load(new byte[] {0x7f, 'E', 'L', 'F'}, new Ram(0x1000), "short"))
                .isInstanceOf(ElfException.class)
                .hasMessageContaining("not an ELF file");
    }

    @Test
    void rejects32BitClass() {
        byte[] bytes = elf(ENTRY, new byte[4], 0);
        bytes[4] = 1;
        assertThatThrownBy(() -> ElfLoader.load(bytes, new Ram(0x1000), "a.elf"))
                .isInstanceOf(ElfException.class)
                .hasMessageContaining("ELF class 1, expected 2");
    }

    @Test
    void rejectsBigEndian() {
        byte[] bytes = elf(ENTRY, new byte[4], 0);
        bytes[5] = 2;
        assertThatThrownBy(() -> ElfLoader.load(bytes, new Ram(0x1000), "a.elf"))
                .isInstanceOf(ElfException.class)
                .hasMessageContaining("little-endian");
    }

    @Test
    void rejectsOtherMachine() {
        byte[] bytes = elf(ENTRY, new byte[4], 0);
        bytes[18] = 62; // EM_X86_64
        assertThatThrownBy(() -> ElfLoader.load(bytes, new Ram(0x1000), "a.elf"))
                .isInstanceOf(ElfException.class)
                .hasMessageContaining("ELF machine 62, expected 243 (EM_RISCV)");
    }

    @Test
    void rejectsSharedObject() {
        byte[] bytes = elf(ENTRY, new byte[4], 0);
        bytes[16] = 3; // ET_DYN
        assertThatThrownBy(() -> ElfLoader.load(bytes, new Ram(0x1000), "a.elf"))
                .isInstanceOf(ElfException.class)
                .hasMessageContaining("ET_EXEC");
    }

    @Test
    void rejectsSegmentOutsideRam() {
        byte[] bytes = elf(0x8000_0ffcL, new byte[4], 4);
        assertThatThrownBy(() -> ElfLoader.load(bytes, new Ram(0x1000), "big.elf"))
                .isInstanceOf(ElfException.class)
                .hasMessageContaining("big.elf: segment 0 at 0x80000ffc..0x80001004 is outside RAM 0x80000000..0x80001000");
    }

    @Test
    void rejectsSegmentBelowRam() {
        byte[] bytes = elf(0x1000, new byte[4], 0);
        assertThatThrownBy(() -> ElfLoader.load(bytes, new Ram(0x1000), "low.elf"))
                .isInstanceOf(ElfException.class)
                .hasMessageContaining("outside RAM");
    }

    @Test
    void rejectsSegmentBeyondEndOfFile() {
        byte[] bytes = elf(ENTRY, new byte[4], 0);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(64 + 32, 1000); // p_filesz
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(64 + 40, 1000); // p_memsz
        assertThatThrownBy(() -> ElfLoader.load(bytes, new Ram(0x1000), "cut.elf"))
                .isInstanceOf(ElfException.class)
                .hasMessageContaining("beyond the end of the file");
    }

    @Test
    void rejectsProgramHeadersBeyondEndOfFile() {
        byte[] bytes = elf(ENTRY, new byte[4], 0);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(32, Long.MAX_VALUE - 10); // e_phoff
        assertThatThrownBy(() -> ElfLoader.load(bytes, new Ram(0x1000), "odd.elf"))
                .isInstanceOf(ElfException.class)
                .hasMessageContaining("program headers lie beyond");
    }

    @Test
    void rejectsFileWithoutLoadSegment() {
        byte[] bytes = elf(ENTRY, new byte[4], 0);
        bytes[64] = 4; // PT_NOTE
        assertThatThrownBy(() -> ElfLoader.load(bytes, new Ram(0x1000), "note.elf"))
                .isInstanceOf(ElfException.class)
                .hasMessageContaining("no PT_LOAD segment");
    }
}
