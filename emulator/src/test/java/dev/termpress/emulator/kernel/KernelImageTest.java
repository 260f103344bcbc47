package dev.termpress.emulator.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelImageTest {

    // Linux Documentation/arch/riscv/boot-image-header.rst: offsets in the 64-byte header.
    private static final int TEXT_OFFSET = 0x08;
    private static final int IMAGE_SIZE = 0x10;
    private static final int MAGIC = 0x30;
    private static final int MAGIC2 = 0x38;
    private static final byte[] RISCV_MAGIC = "RISCV\0\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RISCV_MAGIC2 = {'R', 'S', 'C', 0x05};
    /** The kernel must be loaded 2 MiB above the RAM base: 0x80200000 on our memory map. */
    private static final long EXPECTED_TEXT_OFFSET = 0x200000;

    private static byte[] image;

    @BeforeAll
    static void loadImage() {
        image = KernelImage.load();
    }

    @Test
    void imageMatchesCommittedSha256() throws Exception {
        String expected = firstWord(resourceText(KernelImage.SHA256_RESOURCE));

        assertThat(expected).matches("[0-9a-f]{64}");
        assertThat(sha256(image)).isEqualTo(expected);
    }

    @Test
    void kernelTxtRecordsTheSameImage() throws Exception {
        String kernelTxt = resourceText("/dev/termpress/emulator/kernel/kernel.txt");
        String expected = firstWord(resourceText(KernelImage.SHA256_RESOURCE));

        assertThat(kernelTxt).contains("linux-source-6.12 6.12.").contains("image " + expected + "\n");
    }

    @Test
    void hasRiscvImageHeaderMagic() {
        assertThat(Arrays.copyOfRange(image, MAGIC, MAGIC + 8)).isEqualTo(RISCV_MAGIC);
        assertThat(Arrays.copyOfRange(image, MAGIC2, MAGIC2 + 4)).isEqualTo(RISCV_MAGIC2);
    }

    @Test
    void headerDescribesA2MiBAlignedImageCoveringTheFile() {
        ByteBuffer header = ByteBuffer.wrap(image, 0, 64).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(header.getLong(TEXT_OFFSET)).isEqualTo(EXPECTED_TEXT_OFFSET);
        assertThat(header.getLong(IMAGE_SIZE)).isGreaterThanOrEqualTo(image.length);
    }

    private static String resourceText(String name) throws IOException {
        try (InputStream in = KernelImageTest.class.getResourceAsStream(name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static String firstWord(String text) {
        return text.strip().split("\\s+")[0];
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
