package dev.termpress.emulator.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumTest {

    private static byte[] hex(String text) {
        String digits = text.replace(" ", "");
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Test
    void anIpv4HeaderChecksumsToItsField() {
        // A captured header (192.168.0.1 -> 192.168.0.199, UDP) whose checksum field is b861.
        byte[] header = hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");

        assertThat(Checksum.of(header, 0, header.length)).isEqualTo(0xb861);
        header[10] = (byte) 0xb8;
        header[11] = 0x61;
        assertThat(Checksum.of(header, 0, header.length)).isZero(); // a valid header sums to 0
    }

    @Test
    void anOddLengthIsPaddedWithAZeroByte() {
        assertThat(Checksum.of(new byte[] {0x01, 0x02, 0x03}, 0, 3))
                .isEqualTo(Checksum.of(new byte[] {0x01, 0x02, 0x03, 0x00}, 0, 4));
    }

    @Test
    void carriesFoldBackIn() {
        byte[] ones = hex("ffff ffff 0001");

        assertThat(Checksum.of(ones, 0, ones.length)).isEqualTo(0xfffe);
    }
}
