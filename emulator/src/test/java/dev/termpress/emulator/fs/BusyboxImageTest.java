package dev.termpress.emulator.fs;

import static dev.termpress.emulator.fs.FsPaths.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The example site's busybox image (a real riscv64 layer from Debian's busybox-static) as the guest will see it. */
class BusyboxImageTest {

    private static final Path LAYER = Path.of("../content-examples/images/busybox/blobs/sha256/"
            + "d515657eee50441c20329695c183795f30c4d920d110b42c0c6e838e448d3b19");

    @Test
    void theExampleImageIndexesMergesAndReads() throws Exception {
        assumeThat(Files.exists(LAYER)).as("example image next to the emulator module").isTrue();
        byte[] tar;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(LAYER))) {
            tar = in.readAllBytes();
        }
        LayerIndex built = LayerIndex.build(TarInput.of(tar));
        byte[] shipped = built.toBytes();
        LayerIndex index = LayerIndex.fromBytes(shipped);
        assertThat(index.entries()).isEqualTo(built.entries()).hasSizeGreaterThan(250);
        assertThat(shipped.length).as("about 20 bytes per entry, most of them the name").isLessThan(25 * index.entries().size());

        ImageFileSystem fs = ImageFileSystem.create(List.of(index), new ByteArrayLayerSource(List.of(tar)), () -> 0L);
        Inode busybox = find(fs, "bin/busybox");
        assertThat(busybox.isRegular()).isTrue();
        assertThat(busybox.mode() & 0111).isNotZero();
        byte[] head = new byte[20];
        fs.read(busybox, 0, 20, new ReadCallback() {
            @Override
            public void data(byte[] data, int offset, int length) {
                System.arraycopy(data, offset, head, 0, length);
            }

            @Override
            public void failed(int errno) {
                throw new AssertionError(errno);
            }
        });
        assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ELF");
        assertThat(head[18] & 0xff | (head[19] & 0xff) << 8).as("e_machine: RISC-V").isEqualTo(243);
        assertThat(fs.readlink(find(fs, "bin/sh"))).isEqualTo("busybox");
    }
}
