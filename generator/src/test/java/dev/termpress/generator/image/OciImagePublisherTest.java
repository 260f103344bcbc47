package dev.termpress.generator.image;

import static dev.termpress.generator.image.Tars.Item.dir;
import static dev.termpress.generator.image.Tars.Item.file;
import static dev.termpress.generator.image.Tars.Item.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciImagePublisherTest {

    @TempDir
    Path temp;

    private final ImagePublisher publisher = new OciImagePublisher();

    private static TestImage sample() {
        return TestImage.riscv64()
                .gzipLayer(dir("bin/"), file("bin/hello", "#!/bin/sh\necho hello\n"), symlink("bin/hi", "hello"))
                .plainLayer(dir("etc/"), file("etc/hostname", "demo\n"))
                .env("PATH=/bin", "LANG=C.UTF-8")
                .entrypoint("/bin/sh", "-c")
                .cmd("echo hi")
                .workingDir("/root")
                .user("1000:1000");
    }

    private PublishedImage publish(String name, Path source, String reference) throws ImageException {
        return publisher.publish(new ImageSpec(name, source, reference, temp.resolve("termpress.yaml"), 3),
                temp.resolve("site"));
    }

    @Test
    void publishesAnImageLayoutDirectoryWithItsDescriptor() throws Exception {
        TestImage image = sample();
        Path layout = new LayoutFixture().image(image, "latest").writeDirectory(temp.resolve("layout"));

        PublishedImage published = publish("demo", layout, null);

        PublishedSite site = new PublishedSite(temp.resolve("site"));
        assertThat(published.descriptorPath()).isEqualTo("images/demo.json");
        assertThat(published.blobsWritten()).isEqualTo(4);
        assertThat(site.assertBlobsMatchTheirNames()).isEqualTo(4);
        assertThat(published.bytesWritten()).isEqualTo(image.blobs().values().stream().mapToLong(b -> b.length).sum());

        JsonNode descriptor = site.descriptor(published);
        assertThat(descriptor.get("descriptorVersion").asInt()).isEqualTo(1);
        assertThat(descriptor.get("name").asText()).isEqualTo("demo");
        assertThat(descriptor.get("reference").asText()).isEqualTo("latest");
        assertThat(descriptor.get("platform").toString()).isEqualTo("{\"os\":\"linux\",\"architecture\":\"riscv64\"}");
        assertThat(descriptor.get("blobs").asText()).isEqualTo("blobs/sha256/");
        assertThat(descriptor.at("/manifest/digest").asText()).isEqualTo(Tars.sha256(image.manifestBytes()));
        assertThat(descriptor.at("/config/digest").asText()).isEqualTo(Tars.sha256(image.configBytes()));
        assertThat(descriptor.at("/config/env").toString()).isEqualTo("[\"PATH=/bin\",\"LANG=C.UTF-8\"]");
        assertThat(descriptor.at("/config/workingDir").asText()).isEqualTo("/root");
        assertThat(descriptor.at("/config/user").asText()).isEqualTo("1000:1000");
        assertThat(descriptor.at("/config/entrypoint").toString()).isEqualTo("[\"/bin/sh\",\"-c\"]");
        assertThat(descriptor.at("/config/cmd").toString()).isEqualTo("[\"echo hi\"]");

        JsonNode layers = descriptor.get("layers");
        assertThat(layers).hasSize(2);
        TestImage.Layer first = image.layers().get(0);
        assertThat(layers.get(0).get("digest").asText()).isEqualTo(Tars.sha256(first.blob()));
        assertThat(layers.get(0).get("size").asLong()).isEqualTo(first.blob().length);
        assertThat(layers.get(0).get("mediaType").asText()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
        assertThat(layers.get(0).get("compression").asText()).isEqualTo("gzip");
        assertThat(layers.get(0).get("diffId").asText()).isEqualTo(Tars.sha256(first.uncompressed()));
        assertThat(layers.get(0).get("uncompressedSize").asLong()).isEqualTo(first.uncompressed().length);
        assertThat(layers.get(1).get("compression").asText()).isEqualTo("none");
        assertThat(descriptor.get("layersSize").asLong())
                .isEqualTo(first.blob().length + image.layers().get(1).blob().length);
        assertThat(site.files()).noneMatch(name -> name.endsWith(".tmp"));
    }

    @Test
    void absentConfigFieldsAreNullInTheDescriptor() throws Exception {
        TestImage image = TestImage.riscv64().gzipLayer(file("a", "a"))
                .configBytes(("{\"architecture\":\"riscv64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                        + "\"diff_ids\":[\"" + Tars.sha256(Tars.tar(file("a", "a"))) + "\"]}}").getBytes());
        Path layout = new LayoutFixture().image(image, null).writeDirectory(temp.resolve("layout"));

        JsonNode descriptor = new PublishedSite(temp.resolve("site")).descriptor(publish("bare", layout, null));

        assertThat(descriptor.get("reference").isNull()).isTrue();
        assertThat(descriptor.at("/config/env")).isEmpty();
        assertThat(descriptor.at("/config/workingDir").isNull()).isTrue();
        assertThat(descriptor.at("/config/user").isNull()).isTrue();
        assertThat(descriptor.at("/config/entrypoint").isNull()).isTrue();
        assertThat(descriptor.at("/config/cmd").isNull()).isTrue();
    }

    @Test
    void publishesAnOciArchive() throws Exception {
        TestImage image = sample();
        Path archive = new LayoutFixture().image(image, "v1").writeArchive(temp.resolve("image.tar"));

        PublishedImage published = publish("archived", archive, "v1");

        PublishedSite site = new PublishedSite(temp.resolve("site"));
        assertThat(site.assertBlobsMatchTheirNames()).isEqualTo(4);
        assertThat(site.descriptor(published).at("/manifest/digest").asText())
                .isEqualTo(Tars.sha256(image.manifestBytes()));
    }

    @Test
    void publishesADockerSaveArchiveAsAnOciManifest() throws Exception {
        TestImage image = TestImage.riscv64()
                .plainLayer(dir("bin/"), file("bin/tool", "tool"))
                .plainLayer(file("etc/motd", "hello"))
                .cmd("/bin/sh");
        Path archive = new DockerSaveFixture().image(image, "demo:latest").write(temp.resolve("docker.tar"));

        PublishedImage published = publish("docker", archive, "demo:latest");

        PublishedSite site = new PublishedSite(temp.resolve("site"));
        JsonNode descriptor = site.descriptor(published);
        assertThat(descriptor.get("reference").asText()).isEqualTo("demo:latest");
        assertThat(descriptor.at("/manifest/mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(descriptor.at("/config/digest").asText()).isEqualTo(Tars.sha256(image.configBytes()));
        assertThat(descriptor.get("layers")).hasSize(2);
        assertThat(descriptor.at("/layers/0/digest").asText())
                .isEqualTo(Tars.sha256(image.layers().get(0).blob()));
        assertThat(descriptor.at("/layers/0/compression").asText()).isEqualTo("none");
        // The synthesized manifest is published too, so the manifest digest names a real blob.
        assertThat(site.blobs().resolve(descriptor.at("/manifest/digest").asText().substring(7))).exists();
        assertThat(site.assertBlobsMatchTheirNames()).isEqualTo(4);
    }

    @Test
    void dockerSaveWithGzipLayersAndSymlinkedSharedLayers() throws Exception {
        byte[] sharedTar = Tars.tar(file("shared", "same in both"));
        TestImage first = TestImage.riscv64().rawLayer(Tars.gzip(sharedTar), MediaTypes.OCI_LAYER_GZIP, sharedTar);
        TestImage second = TestImage.riscv64().rawLayer(Tars.gzip(sharedTar), MediaTypes.OCI_LAYER_GZIP, sharedTar)
                .plainLayer(file("own", "second only"));
        Path archive = new DockerSaveFixture().image(first, "one:1").image(second, "two:2")
                .write(temp.resolve("docker.tar"));

        JsonNode descriptor = new PublishedSite(temp.resolve("site")).descriptor(publish("two", archive, "two:2"));

        assertThat(descriptor.at("/layers/0/compression").asText()).isEqualTo("gzip");
        assertThat(descriptor.at("/layers/0/digest").asText()).isEqualTo(Tars.sha256(Tars.gzip(sharedTar)));
        assertThat(descriptor.at("/layers/0/diffId").asText()).isEqualTo(Tars.sha256(sharedTar));
        assertThat(descriptor.at("/layers/1/compression").asText()).isEqualTo("none");
    }

    @Test
    void resolvesNestedIndexesToTheRiscv64Manifest() throws Exception {
        TestImage amd64 = TestImage.of("linux", "amd64").gzipLayer(file("arch", "amd64"));
        TestImage arm64 = TestImage.of("linux", "arm64").gzipLayer(file("arch", "arm64"));
        TestImage riscv64 = TestImage.riscv64().gzipLayer(file("arch", "riscv64"));
        Path layout = new LayoutFixture().index("multi", amd64, arm64, riscv64).writeDirectory(temp.resolve("layout"));

        PublishedImage published = publish("multi", layout, "multi");

        JsonNode descriptor = new PublishedSite(temp.resolve("site")).descriptor(published);
        assertThat(descriptor.at("/manifest/digest").asText()).isEqualTo(Tars.sha256(riscv64.manifestBytes()));
        assertThat(descriptor.get("reference").asText()).isEqualTo("multi");
        assertThat(new PublishedSite(temp.resolve("site")).blobs().resolve(Tars.hex(amd64.layers().get(0).blob())))
                .doesNotExist();
    }

    @Test
    void aReferencePicksAmongSeveralImages() throws Exception {
        TestImage a = TestImage.riscv64().gzipLayer(file("which", "a"));
        TestImage b = TestImage.riscv64().gzipLayer(file("which", "b"));
        Path layout = new LayoutFixture().image(a, "a").image(b, "b").writeDirectory(temp.resolve("layout"));

        JsonNode picked = new PublishedSite(temp.resolve("site")).descriptor(publish("b", layout, "b"));
        JsonNode first = new PublishedSite(temp.resolve("site")).descriptor(publish("default", layout, null));

        assertThat(picked.at("/manifest/digest").asText()).isEqualTo(Tars.sha256(b.manifestBytes()));
        assertThat(first.at("/manifest/digest").asText()).isEqualTo(Tars.sha256(a.manifestBytes()));
    }

    @Test
    void dockerStyleOciArchivesMatchByFullImageName() throws Exception {
        // docker save (25 and later) writes an OCI layout whose entries carry both annotations.
        TestImage image = TestImage.riscv64().gzipLayer(file("x", "x"));
        ObjectNode entry = TestImage.descriptor(MediaTypes.OCI_MANIFEST, image.manifestBytes());
        entry.putObject("annotations").put(DescriptorJson.REF_NAME, "latest")
                .put(DescriptorJson.CONTAINERD_NAME, "docker.io/library/demo:latest");
        Path archive = new LayoutFixture().blobsOf(image).entry(entry, null).writeArchive(temp.resolve("d.tar"));

        JsonNode descriptor = new PublishedSite(temp.resolve("site")).descriptor(publish("d", archive, "demo:latest"));

        assertThat(descriptor.at("/manifest/digest").asText()).isEqualTo(Tars.sha256(image.manifestBytes()));
        assertThatThrownBy(() -> publish("d", archive, "other:latest")).isInstanceOf(ImageException.class)
                .hasMessageContaining("no image named \"other:latest\"; it has latest, docker.io/library/demo:latest");
    }

    @Test
    void aManifestWithoutDeclaredPlatformIsCheckedThroughItsConfig() throws Exception {
        TestImage image = TestImage.riscv64().gzipLayer(file("x", "x"));
        Path layout = new LayoutFixture().image(image, "latest", false).writeDirectory(temp.resolve("layout"));

        JsonNode descriptor = new PublishedSite(temp.resolve("site")).descriptor(publish("plain", layout, "latest"));

        assertThat(descriptor.at("/platform/architecture").asText()).isEqualTo("riscv64");
    }

    @Test
    void blobsSharedBetweenImagesAreWrittenOnce() throws Exception {
        byte[] baseTar = Tars.tar(dir("bin/"), file("bin/busybox", "the shared base layer"));
        TestImage one = TestImage.riscv64().rawLayer(Tars.gzip(baseTar), MediaTypes.OCI_LAYER_GZIP, baseTar)
                .gzipLayer(file("one", "1"));
        TestImage two = TestImage.riscv64().rawLayer(Tars.gzip(baseTar), MediaTypes.OCI_LAYER_GZIP, baseTar)
                .gzipLayer(file("two", "2"));
        Path first = new LayoutFixture().image(one, "latest").writeDirectory(temp.resolve("one"));
        Path second = new LayoutFixture().image(two, "latest").writeDirectory(temp.resolve("two"));

        PublishedImage published1 = publish("one", first, null);
        PublishedImage published2 = publish("two", second, null);
        PublishedImage again = publish("two", second, null);

        assertThat(published1.blobsWritten()).isEqualTo(4);
        // Layer, config, manifest of its own; the base layer is already there.
        assertThat(published2.blobsWritten()).isEqualTo(3);
        assertThat(published2.bytesWritten()).isEqualTo(
                two.blobs().values().stream().mapToLong(b -> b.length).sum() - Tars.gzip(baseTar).length);
        assertThat(again.blobsWritten()).isZero();
        assertThat(again.bytesWritten()).isZero();
        PublishedSite site = new PublishedSite(temp.resolve("site"));
        assertThat(site.assertBlobsMatchTheirNames()).isEqualTo(7);
        assertThat(site.files()).contains("one.json", "two.json");
    }

    @Test
    void unsafeImageNamesGetASafeDistinctFileName() {
        assertThat(ImageDescriptorWriter.relativePath("busybox")).isEqualTo("images/busybox.json");
        assertThat(ImageDescriptorWriter.relativePath("debian:trixie")).matches("images/debian-trixie-[0-9a-f]{8}\\.json");
        assertThat(ImageDescriptorWriter.relativePath("debian-trixie")).isEqualTo("images/debian-trixie.json");
        assertThat(ImageDescriptorWriter.relativePath("../../etc/x")).matches("images/-..-etc-x-[0-9a-f]{8}\\.json")
                .doesNotContain("/../");
        assertThat(ImageDescriptorWriter.relativePath("a/b")).isNotEqualTo(ImageDescriptorWriter.relativePath("a:b"));
    }
}
