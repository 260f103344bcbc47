package dev.termpress.generator.image;

import static dev.termpress.generator.image.Tars.Item.dir;
import static dev.termpress.generator.image.Tars.Item.file;
import static dev.termpress.generator.image.Tars.Item.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termpress.emulator.fs.IndexEntry;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a layer also publishes its {@link LayerIndex}, content-addressed, named in the descriptor. */
class LayerIndexPublishingTest {

    private static final Path BUSYBOX = Path.of("..", "content-examples", "images", "busybox");

    @TempDir
    Path temp;

    @Test
    void theExampleImageGetsAnIndexEqualToOneBuiltFromItsLayer() throws Exception {
        Path site = temp.resolve("site");
        PublishedImage published = new OciImagePublisher()
                .publish(new ImageSpec("busybox", BUSYBOX, null, Path.of("termpress.yaml"), 1), site);

        JsonNode layer = new PublishedSite(site).descriptor(published).at("/layers/0");
        String indexPath = layer.get("index").asText();
        assertThat(indexPath).matches("indexes/sha256/[0-9a-f]{64}");
        byte[] indexBytes = Files.readAllBytes(site.resolve("images").resolve(indexPath));
        assertThat(layer.get("indexDigest").asText()).isEqualTo("sha256:" + Tars.hex(indexBytes))
                .endsWith(indexPath.substring(indexPath.lastIndexOf('/') + 1));

        byte[] blob = Files.readAllBytes(site.resolve("images/blobs/sha256")
                .resolve(layer.get("digest").asText().substring("sha256:".length())));
        byte[] tar = new GZIPInputStream(new ByteArrayInputStream(blob)).readAllBytes();
        assertThat(indexBytes).isEqualTo(LayerIndex.build(TarInput.of(tar)).toBytes());
        assertThat(LayerIndex.fromBytes(indexBytes).entries()).extracting(IndexEntry::path).contains("bin/busybox");
    }

    @Test
    void aLargeGzipLayerGetsCheckpointsWhoseSpansMatchTheBlob() throws Exception {
        Path site = temp.resolve("site");
        java.util.Random random = new java.util.Random(1);
        byte[] noise = new byte[(int) (LayerCheckpoints.WHOLE_BLOB_BELOW + LayerCheckpoints.SPACING)];
        random.nextBytes(noise);
        TestImage image = TestImage.riscv64().gzipLayer(dir("opt/"), file("opt/noise", noise),
                file("opt/after", "the last file\n"));
        Path layout = new LayoutFixture().image(image, "latest").writeDirectory(temp.resolve("layout"));
        PublishedImage published = new OciImagePublisher().publish(new ImageSpec("big", layout, null, null, 0), site);

        JsonNode layer = new PublishedSite(site).descriptor(published).at("/layers/0");
        byte[] indexFile = Files.readAllBytes(site.resolve("images").resolve(layer.get("index").asText()));
        assertThat(layer.get("indexDigest").asText()).isEqualTo("sha256:" + Tars.hex(indexFile));
        assertThat(indexFile[0] & 0xff).as("a version 2 index is published gzip-compressed").isEqualTo(0x1f);
        LayerIndex index = LayerIndex.fromBytes(new GZIPInputStream(new ByteArrayInputStream(indexFile)).readAllBytes());
        byte[] blob = Files.readAllBytes(site.resolve("images/blobs/sha256")
                .resolve(layer.get("digest").asText().substring("sha256:".length())));
        var checkpoints = index.checkpoints();
        assertThat(checkpoints).isNotNull();
        assertThat(checkpoints.blobSize()).isEqualTo(blob.length);
        assertThat(checkpoints.spans()).hasSizeGreaterThanOrEqualTo(3);
        for (var span : checkpoints.spans()) {
            byte[] bytes = java.util.Arrays.copyOfRange(blob, (int) span.firstByte(), (int) span.endByte());
            assertThat(Tars.hex(bytes)).isEqualTo(java.util.HexFormat.of().formatHex(span.sha256()));
        }
        assertThat(checkpoints.spans().get(checkpoints.spans().size() - 1).uncompressedEnd())
                .isEqualTo(layer.get("uncompressedSize").asLong());
        String windowsHex = java.util.HexFormat.of().formatHex(checkpoints.windowsSha256());
        byte[] windows = Files.readAllBytes(site.resolve("images/indexes/sha256").resolve(windowsHex));
        assertThat(Tars.hex(windows)).isEqualTo(windowsHex);
        assertThat((long) windows.length).isEqualTo(checkpoints.windowsSize());
        var last = checkpoints.spans().get(checkpoints.spans().size() - 1);
        byte[] packed = java.util.Arrays.copyOfRange(windows, (int) last.window().offset(),
                (int) last.window().offset() + last.window().length());
        assertThat(Tars.hex(packed)).isEqualTo(java.util.HexFormat.of().formatHex(last.window().sha256()));
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        inflater.setInput(packed);
        byte[] window = new byte[last.windowLength()];
        assertThat(inflater.inflate(window)).isEqualTo(window.length);
        byte[] tar = new GZIPInputStream(new ByteArrayInputStream(blob)).readAllBytes();
        assertThat(window).isEqualTo(java.util.Arrays.copyOfRange(tar, (int) last.uncompressedStart() - window.length,
                (int) last.uncompressedStart()));
    }

    @Test
    void aSmallLayerKeepsAVersionOneIndex() throws Exception {
        Path site = temp.resolve("site");
        PublishedImage published = new OciImagePublisher()
                .publish(new ImageSpec("busybox", BUSYBOX, null, Path.of("termpress.yaml"), 1), site);
        JsonNode layer = new PublishedSite(site).descriptor(published).at("/layers/0");
        byte[] indexFile = Files.readAllBytes(site.resolve("images").resolve(layer.get("index").asText()));
        assertThat(indexFile[4]).as("busybox's 1 MB blob is read whole").isEqualTo((byte) 1);
        assertThat(LayerIndex.fromBytes(indexFile).checkpoints()).isNull();
    }

    @Test
    void anImageRepublishedKeepsOneCopyOfEachIndex() throws Exception {
        Path site = temp.resolve("site");
        TestImage image = TestImage.riscv64().gzipLayer(dir("etc/"), file("etc/motd", "hi\n"));
        Path layout = new LayoutFixture().image(image, "latest").writeDirectory(temp.resolve("layout"));

        new OciImagePublisher().publish(new ImageSpec("a", layout, null, null, 0), site);
        new OciImagePublisher().publish(new ImageSpec("b", layout, null, null, 0), site);

        try (var files = Files.list(site.resolve("images/indexes/sha256"))) { // small layer: no windows file
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(1).allMatch(name -> name.matches("[0-9a-f]{64}"));
        }
    }

    @Test
    void aLayerTheRuntimeCannotServeFailsTheBuildByName() throws IOException {
        TestImage image = TestImage.riscv64().gzipLayer(symlink("lib", "usr/lib"), file("lib/libc.so", "x"));
        Path layout = new LayoutFixture().image(image, "latest").writeDirectory(temp.resolve("layout"));

        assertThatThrownBy(() -> new OciImagePublisher()
                .publish(new ImageSpec("demo", layout, null, Path.of("termpress.yaml"), 3), temp.resolve("site")))
                .isInstanceOf(ImageException.class)
                .hasMessageStartingWith("termpress.yaml:3: image \"demo\": ")
                .hasMessageContaining("cannot index the layer")
                .hasMessageContaining("lib/libc.so");
    }
}
