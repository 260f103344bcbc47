package dev.termpress.emulator.translate.wasm;

import static dev.termpress.emulator.translate.wasm.ByteLists.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WasmBytesTest {

    @Test
    void unsignedLeb128MatchesTheSpecExamples() {
        assertThat(new WasmBytes().unsigned(0).toByteArray()).isEqualTo(bytes(0x00));
        assertThat(new WasmBytes().unsigned(127).toByteArray()).isEqualTo(bytes(0x7F));
        assertThat(new WasmBytes().unsigned(128).toByteArray()).isEqualTo(bytes(0x80, 0x01));
        assertThat(new WasmBytes().unsigned(624485).toByteArray()).isEqualTo(bytes(0xE5, 0x8E, 0x26));
        assertThat(new WasmBytes().unsigned(0xFFFF_FFFFL).toByteArray()).isEqualTo(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
    }

    @Test
    void signedLeb128KeepsTheSignBitInTheLastByte() {
        assertThat(new WasmBytes().signed(0).toByteArray()).isEqualTo(bytes(0x00));
        assertThat(new WasmBytes().signed(-1).toByteArray()).isEqualTo(bytes(0x7F));
        assertThat(new WasmBytes().signed(63).toByteArray()).isEqualTo(bytes(0x3F));
        assertThat(new WasmBytes().signed(64).toByteArray()).isEqualTo(bytes(0xC0, 0x00)); // 0x40 alone would read as -64
        assertThat(new WasmBytes().signed(-64).toByteArray()).isEqualTo(bytes(0x40));
        assertThat(new WasmBytes().signed(-65).toByteArray()).isEqualTo(bytes(0xBF, 0x7F));
        assertThat(new WasmBytes().signed(-123456).toByteArray()).isEqualTo(bytes(0xC0, 0xBB, 0x78));
        assertThat(new WasmBytes().signed(Long.MIN_VALUE).toByteArray())
                .isEqualTo(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F));
        assertThat(new WasmBytes().signed(Integer.MAX_VALUE).toByteArray()).isEqualTo(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x07));
    }

    @Test
    void namesAreUtf8WithTheirByteLength() {
        assertThat(new WasmBytes().name("ä").toByteArray()).isEqualTo(bytes(0x02, 0xC3, 0xA4));
    }

    @Test
    void growsPastItsFirstCapacity() {
        WasmBytes b = new WasmBytes();
        for (int i = 0; i < 1000; i++) {
            b.u8(i);
        }
        assertThat(b.length()).isEqualTo(1000);
        assertThat(b.toByteArray()[999]).isEqualTo((byte) 999);
    }
}
