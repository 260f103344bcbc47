package dev.termpress.runtime.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void knownAnswersFromFips180Examples() {
        assertThat(Sha256.hexDigest("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hexDigest(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    @Test
    void agreesWithTheJdkOnRandomInputsOfEveryLengthAroundTheBlockBoundaries() throws Exception {
        Random random = new Random(180_4);
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        for (int length = 0; length < 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertThat(Sha256.digest(data, 0, length)).as("length %d", length).isEqualTo(jdk.digest(data));
        }
        for (int i = 0; i < 20; i++) {
            byte[] data = new byte[random.nextInt(3_000_000)];
            random.nextBytes(data);
            int offset = random.nextInt(Math.max(1, data.length / 2));
            int length = data.length - offset - random.nextInt(Math.max(1, (data.length - offset) / 2));
            jdk.update(data, offset, length);
            assertThat(Sha256.digest(data, offset, length)).isEqualTo(jdk.digest());
        }
    }

    @Test
    void hexIsLowercaseAndCoversTheRange() {
        byte[] bytes = {0, 15, 16, (byte) 0xab, (byte) 0xff};
        assertThat(Sha256.hex(bytes, 1, 3)).isEqualTo("0f10ab");
        assertThat(Sha256.hex(Arrays.copyOf(bytes, 0), 0, 0)).isEmpty();
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(Sha256.hex(bytes, 0, bytes.length));
    }
}
