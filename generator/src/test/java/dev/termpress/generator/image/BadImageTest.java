package dev.termpress.generator.image;

import static dev.termpress.generator.image.Tars.Item.dir;
import static dev.termpress.generator.image.Tars.Item.file;
import static dev.termpress.generator.image.Tars.Item.hardLink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gives one ImageException naming the declaration, the file and what would be valid. */
class BadImageTest {

    @TempDir
    Path temp;

    private static TestImage image() {
        return TestImage.riscv64().gzipLayer(dir("bin/"), file("bin/sh", "not really a shell"));
    }

    private Path layout(TestImage image) throws IOException {
        return new LayoutFixture().image(image, "latest").writeDirectory(temp.resolve("layout"));
    }

    private Path blob(Path layout, byte[] content) {
        return layout.resolve("blobs/sha256").resolve(Tars.hex(content));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertPublishFails(Path source) {
        return assertPublishFails(source, null);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertPublishFails(Path source, String reference) {
        ImageSpec spec = new ImageSpec("demo", source, reference, Path.of("site/termpress.yaml"), 7);
        var failure = assertThatThrownBy(() -> new OciImagePublisher().publish(spec, temp.resolve("site")))
                .isInstanceOf(ImageException.class)
                .hasMessageStartingWith("site/termpress.yaml:7: image \"demo\": ");
        if (Boolean.getBoolean("printMessages")) {
            failure.satisfies(e -> System.out.println("MSG " + e.getMessage()));
        }
        // Nothing half-written: no descriptor and no temporary files.
        try {
            assertThat(new PublishedSite(temp.resolve("site")).files())
                    .noneMatch(name -> name.endsWith(".json") || name.endsWith(".tmp"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return failure;
    }

    @Test
    void layerDigestMismatch() throws Exception {
        TestImage image = image();
        Path layout = layout(image);
        byte[] layer = image.layers().get(0).blob();
        byte[] corrupt = layer.clone();
        corrupt[corrupt.length / 2] ^= 0x55;
        Files.write(blob(layout, layer), corrupt);

        assertPublishFails(layout)
                .hasMessageContaining(blob(layout, layer).toString())
                .hasMessageContaining("digest mismatch")
                .hasMessageContaining("its descriptor says " + Tars.sha256(layer));
    }

    @Test
    void configDigestMismatch() throws Exception {
        TestImage image = image();
        Path layout = layout(image);
        byte[] config = image.configBytes();
        String changed = new String(config, StandardCharsets.UTF_8).replace("/bin/sh", "/bin/xx");
        Files.writeString(blob(layout, config), changed);

        assertPublishFails(layout).hasMessageContaining(blob(layout, config) + ": digest mismatch");
    }

    @Test
    void layerSizeMismatch() throws Exception {
        TestImage image = image();
        Path layout = layout(image);
        byte[] layer = image.layers().get(0).blob();
        byte[] longer = Arrays.copyOf(layer, layer.length + 10);
        Files.write(blob(layout, layer), longer);

        assertPublishFails(layout)
                .hasMessageContaining(blob(layout, layer) + ": size mismatch: the blob has " + longer.length
                        + " bytes, but its descriptor says " + layer.length);
    }

    @Test
    void manifestSizeMismatch() throws Exception {
        TestImage image = image();
        Path layout = layout(image);
        byte[] manifest = image.manifestBytes();
        Files.write(blob(layout, manifest), Arrays.copyOf(manifest, manifest.length - 1));

        assertPublishFails(layout).hasMessageContaining(blob(layout, manifest) + ": size mismatch");
    }

    @Test
    void missingLayerBlob() throws Exception {
        TestImage image = image();
        Path layout = layout(image);
        Files.delete(blob(layout, image.layers().get(0).blob()));

        assertPublishFails(layout)
                .hasMessageContaining(blob(layout, image.layers().get(0).blob()) + ": missing");
    }

    @Test
    void missingBlobInsideAnOciArchive() throws Exception {
        TestImage image = image();
        LayoutFixture fixture = new LayoutFixture().image(image, "latest");
        Path dir = fixture.writeDirectory(temp.resolve("layout"));
        Files.delete(blob(dir, image.configBytes()));
        // Pack what is left: the same layout without the config blob.
        Path archive = temp.resolve("image.tar");
        try (var walk = Files.walk(dir)) {
            var items = walk.filter(Files::isRegularFile).map(p -> {
                try {
                    return file(dir.relativize(p).toString(), Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            Files.write(archive, Tars.tar(items));
        }

        assertPublishFails(archive)
                .hasMessageContaining(archive + " (entry blobs/sha256/" + Tars.hex(image.configBytes()) + "): missing");
    }

    @Test
    void malformedIndexJson() throws Exception {
        Path layout = new LayoutFixture().image(image(), "latest").indexJson("{\"manifests\": [\n  {,\n]}")
                .writeDirectory(temp.resolve("layout"));

        assertPublishFails(layout)
                .hasMessageContaining(layout.resolve("index.json") + ": malformed JSON at line 2")
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void indexJsonWithoutManifests() throws Exception {
        Path layout = new LayoutFixture().indexJson("{\"schemaVersion\":2}").writeDirectory(temp.resolve("layout"));

        assertPublishFails(layout)
                .hasMessageContaining(layout.resolve("index.json") + ": field \"manifests\" must be an array (it is missing)");
    }

    @Test
    void malformedManifestBlob() throws Exception {
        byte[] broken = "{\"schemaVersion\": 2, \"config\": ".getBytes(StandardCharsets.UTF_8);
        TestImage image = image().manifestBytesOverride(broken);
        Path layout = layout(image);

        assertPublishFails(layout).hasMessageContaining(blob(layout, broken) + ": malformed JSON");
    }

    @Test
    void malformedConfigBlob() throws Exception {
        byte[] broken = "[1, 2".getBytes(StandardCharsets.UTF_8);
        Path layout = layout(image().configBytes(broken));

        assertPublishFails(layout).hasMessageContaining(blob(layout, broken) + ": malformed JSON");
    }

    @Test
    void malformedDigestInTheIndex() throws Exception {
        Path layout = new LayoutFixture()
                .indexJson("{\"manifests\":[{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                        + "\",\"digest\":\"sha256:XYZ\",\"size\":3}]}")
                .writeDirectory(temp.resolve("layout"));

        assertPublishFails(layout).hasMessageContaining("digest \"sha256:XYZ\" is malformed; expected sha256:<64");
    }

    @Test
    void unsupportedLayerMediaType() throws Exception {
        byte[] tar = Tars.tar(file("a", "a"));
        Path layout = layout(TestImage.riscv64().rawLayer(tar, "application/vnd.oci.image.layer.v1.tar+zstd", tar));

        assertPublishFails(layout)
                .hasMessageContaining("layers[0] has unsupported media type application/vnd.oci.image.layer.v1.tar+zstd")
                .hasMessageContaining(MediaTypes.OCI_LAYER_GZIP);
    }

    @Test
    void unsupportedIndexEntryMediaType() throws Exception {
        byte[] blob = "{}".getBytes(StandardCharsets.UTF_8);
        ObjectNode entry = TestImage.descriptor("application/vnd.example.thing+json", blob);
        Path layout = new LayoutFixture().entry(entry, blob).writeDirectory(temp.resolve("layout"));

        assertPublishFails(layout)
                .hasMessageContaining("unsupported media type application/vnd.example.thing+json")
                .hasMessageContaining(MediaTypes.OCI_MANIFEST);
    }

    @Test
    void noRiscv64ManifestListsThePlatformsTheImageHas() throws Exception {
        Path layout = new LayoutFixture()
                .index("multi", TestImage.of("linux", "amd64").gzipLayer(file("a", "a")),
                        TestImage.of("linux", "arm64").gzipLayer(file("a", "b")))
                .writeDirectory(temp.resolve("layout"));

        assertPublishFails(layout)
                .hasMessageContaining("OCI image layout " + layout + ": no linux/riscv64 image; it has linux/amd64, linux/arm64.")
                .hasMessageContaining("skopeo copy --override-arch riscv64");
    }

    @Test
    void singleAmd64ImageWithoutDeclaredPlatform() throws Exception {
        Path layout = new LayoutFixture().image(TestImage.of("linux", "amd64").gzipLayer(file("a", "a")), null, false)
                .writeDirectory(temp.resolve("layout"));

        assertPublishFails(layout).hasMessageContaining("no linux/riscv64 image; it has linux/amd64.");
    }

    @Test
    void dockerSaveWithoutRiscv64() throws Exception {
        Path archive = new DockerSaveFixture().image(TestImage.of("linux", "amd64").plainLayer(file("a", "a")), "x:1")
                .write(temp.resolve("docker.tar"));

        assertPublishFails(archive).hasMessageContaining("docker save archive " + archive
                + ": no linux/riscv64 image; it has linux/amd64.");
    }

    @Test
    void configArchitectureMustAgreeWithTheIndex() throws Exception {
        TestImage liar = TestImage.of("linux", "amd64").gzipLayer(file("a", "a"));
        ObjectNode entry = TestImage.descriptor(MediaTypes.OCI_MANIFEST, liar.manifestBytes());
        entry.putObject("platform").put("os", "linux").put("architecture", "riscv64");
        Path layout = new LayoutFixture().blobsOf(liar).entry(entry, null).writeDirectory(temp.resolve("layout"));

        assertPublishFails(layout).hasMessageContaining("config says linux/amd64 but the index entry")
                .hasMessageContaining("must be riscv64");
    }

    @Test
    void unknownReferenceListsTheNamesTheSourceHas() throws Exception {
        Path layout = new LayoutFixture().image(image(), "1.0").image(TestImage.riscv64().gzipLayer(file("b", "b")), "2.0")
                .writeDirectory(temp.resolve("layout"));

        assertPublishFails(layout, "3.0").hasMessageContaining("no image named \"3.0\"; it has 1.0, 2.0");
    }

    @Test
    void layerEntryWithDotDot() throws Exception {
        TestImage image = TestImage.riscv64().gzipLayer(file("etc/../../escape", "x"));
        Path layout = layout(image);

        assertPublishFails(layout)
                .hasMessageContaining(blob(layout, image.layers().get(0).blob()).toString())
                .hasMessageContaining("layer entry \"etc/../../escape\" contains a \"..\" component")
                .hasMessageContaining("must be relative paths inside the root filesystem");
    }

    @Test
    void layerEntryWithAbsolutePath() throws Exception {
        Path layout = layout(TestImage.riscv64().plainLayer(file("/etc/shadow", "x")));

        assertPublishFails(layout).hasMessageContaining("layer entry \"/etc/shadow\" is an absolute path");
    }

    @Test
    void layerHardLinkOutOfTheRoot() throws Exception {
        Path layout = layout(TestImage.riscv64().gzipLayer(hardLink("etc/passwd", "../../host/passwd")));

        assertPublishFails(layout).hasMessageContaining(
                "layer entry \"etc/passwd\" is a hard link whose target \"../../host/passwd\" contains a \"..\" component");
    }

    @Test
    void layerThatIsNotATar() throws Exception {
        byte[] notGzip = "definitely not gzip".getBytes(StandardCharsets.UTF_8);
        Path layout = layout(TestImage.riscv64().rawLayer(notGzip, MediaTypes.OCI_LAYER_GZIP, notGzip));

        assertPublishFails(layout).hasMessageContaining(blob(layout, notGzip) + ": not a valid gzip-compressed tar layer");
    }

    @Test
    void layerNotMatchingTheConfigDiffId() throws Exception {
        byte[] tar = Tars.tar(file("a", "a"));
        byte[] other = Tars.tar(file("b", "b"));
        Path layout = layout(TestImage.riscv64().rawLayer(Tars.gzip(tar), MediaTypes.OCI_LAYER_GZIP, other));

        assertPublishFails(layout).hasMessageContaining("uncompressed sha256 is " + Tars.hex(tar))
                .hasMessageContaining("rootfs.diff_ids[0] says " + Tars.sha256(other));
    }

    @Test
    void ociArchiveEntryWithDotDot() throws Exception {
        Path archive = new LayoutFixture().image(image(), "latest")
                .writeArchive(temp.resolve("image.tar"), file("blobs/../../evil", "x"));

        assertPublishFails(archive).hasMessageContaining(archive + ": entry \"blobs/../../evil\" contains a \"..\" component")
                .hasMessageContaining("entries must be relative paths inside the archive");
    }

    @Test
    void ociArchiveEntryWithAbsolutePath() throws Exception {
        Path archive = new LayoutFixture().image(image(), "latest")
                .writeArchive(temp.resolve("image.tar"), file("/tmp/evil", "x"));

        assertPublishFails(archive).hasMessageContaining(archive + ": entry \"/tmp/evil\" is an absolute path");
    }

    @Test
    void dockerSaveEntryWithDotDot() throws Exception {
        Path archive = new DockerSaveFixture().image(TestImage.riscv64().plainLayer(file("a", "a")), "x:1")
                .write(temp.resolve("docker.tar"), file("../outside", "x"));

        assertPublishFails(archive).hasMessageContaining(archive + ": entry \"../outside\" contains a \"..\" component");
    }

    @Test
    void dockerSaveLayerEntryWithDotDot() throws Exception {
        Path archive = new DockerSaveFixture().image(TestImage.riscv64().plainLayer(file("../../root/.ssh/x", "k")), "x:1")
                .write(temp.resolve("docker.tar"));

        assertPublishFails(archive).hasMessageContaining("/layer.tar): layer entry \"../../root/.ssh/x\" contains");
    }

    @Test
    void dockerSaveCorruptLayer() throws Exception {
        TestImage image = TestImage.riscv64().plainLayer(file("a", "aaaa"));
        TestImage tampered = TestImage.riscv64().plainLayer(file("a", "bbbb"));
        // Same layer path and size, different bytes: the config's diff_id no longer matches.
        Path archive = new DockerSaveFixture().image(image, "x:1").write(temp.resolve("docker.tar"));
        byte[] bytes = Files.readAllBytes(archive);
        byte[] original = image.layers().get(0).blob();
        byte[] replacement = tampered.layers().get(0).blob();
        int at = indexOf(bytes, original);
        System.arraycopy(replacement, 0, bytes, at, replacement.length);
        Files.write(archive, bytes);

        assertPublishFails(archive).hasMessageContaining("/layer.tar): digest mismatch");
    }

    @Test
    void dockerSaveMalformedManifestJson() throws Exception {
        Path archive = new DockerSaveFixture().image(image(), "x:1")
                .writeWithManifest(temp.resolve("docker.tar"), "[{\"Config\": ]");

        assertPublishFails(archive).hasMessageContaining(archive + " (entry manifest.json): malformed JSON at line 1");
    }

    @Test
    void dockerSaveMissingLayer() throws Exception {
        Path archive = new DockerSaveFixture().image(image(), "x:1").writeWithManifest(temp.resolve("docker.tar"),
                "[{\"Config\":\"" + Tars.hex(image().configBytes()) + ".json\",\"RepoTags\":[],\"Layers\":[\"nope/layer.tar\"]}]");

        assertPublishFails(archive).hasMessageContaining(archive + " (entry nope/layer.tar): missing");
    }

    @Test
    void notAnImage() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Path gz = Files.write(temp.resolve("image.tar.gz"), Tars.gzip(Tars.tar(file("a", "a"))));
        Path plainTar = Files.write(temp.resolve("other.tar"), Tars.tar(file("readme", "hi")));

        assertPublishFails(empty).hasMessageContaining(empty + ": not an OCI image layout")
                .hasMessageContaining("expected an OCI image layout directory");
        assertPublishFails(gz).hasMessageContaining(gz + ": compressed archive; decompress it first");
        assertPublishFails(plainTar).hasMessageContaining("neither oci-layout + index.json nor manifest.json");
        assertPublishFails(temp.resolve("missing")).hasMessageContaining("no such file or directory");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
