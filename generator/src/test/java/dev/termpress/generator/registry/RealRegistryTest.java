package dev.termpress.generator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls the example busybox image through Debian's docker-registry (the CNCF distribution server),
 * pushed there by skopeo ({@link LocalDockerRegistry}: skipped where either binary is missing, except in CI).
 */
class RealRegistryTest {

    private static final Path BUSYBOX = Path.of("../content-examples/images/busybox").toAbsolutePath().normalize();

    @TempDir
    Path temp;
    private LocalDockerRegistry registry;

    @AfterEach
    void stop() throws InterruptedException {
        if (registry != null) {
            registry.close();
        }
    }
    @Test
    void pullsTheExampleBusyboxPushedBySkopeo() throws Exception {
        startRegistryHoldingBusybox();

        RegistryClient client = new RegistryClient(new Credentials(Map.of(), temp.resolve("none.json")), Set.of(),
                Duration.ofMillis(50));
        ImageReference ref = ImageReference.parse(registry.host() + "/busybox:1");
        RegistryClient.FetchedManifest manifest = client.riscv64Manifest(ref);
        JsonNode node = new ObjectMapper().readTree(manifest.bytes());
        List<JsonNode> blobs = new java.util.ArrayList<>();
        blobs.add(node.get("config"));
        node.get("layers").forEach(blobs::add);
        for (JsonNode blob : blobs) {
            String digest = blob.get("digest").asText();
            Path target = temp.resolve("blobs").resolve(digest.substring("sha256:".length()));
            client.blob(ref, digest, blob.get("size").asLong(), target);
            // skopeo keeps the layout's blobs byte for byte, so the pull must give back the same files.
            assertThat(Files.mismatch(target, BUSYBOX.resolve("blobs/sha256").resolve(target.getFileName()))).isEqualTo(-1);
        }
        assertThat(blobs).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aSiteBuildsFromTheRegistryThenFromTheCacheWithTheRegistryStopped() throws Exception {
        startRegistryHoldingBusybox();

        Path site = temp.resolve("site");
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("termpress.yaml"), "images:\n  box: " + registry.host() + "/busybox:1\n");
        Files.writeString(site.resolve("content/index.md"), "# Hi\n\n```container image=box\n$ echo hi\nhi\n```\n");
        build(site, PullSettings.Mode.PINNED, "cache");
        assertThat(Files.readString(site.resolve("termpress.lock"))).contains("ref: \"" + registry.host() + "/busybox:1\"");

        registry.stop();
        RegistryImagesTest.deleteTree(site.resolve("public"));
        build(site, PullSettings.Mode.PINNED, "cache");
        build(site, PullSettings.Mode.OFFLINE, "cache");
        assertThat(site.resolve("public/index.html")).exists();

        assertThatThrownBy(() -> build(site, PullSettings.Mode.OFFLINE, "empty-cache"))
                .isInstanceOf(dev.termpress.generator.diag.BuildException.class)
                .hasMessageContaining("termpress.yaml:2: image \"box\": offline, and manifest sha256:")
                .hasMessageContaining("is not in the blob cache " + temp.resolve("empty-cache"));
    }

    /** Starts Debian's docker-registry and pushes the example busybox into it as {@code busybox:1}. */
    private void startRegistryHoldingBusybox() throws Exception {
        registry = LocalDockerRegistry.start(temp.resolve("registry"));
        registry.push(BUSYBOX, "busybox:1");
    }

    private void build(Path site, PullSettings.Mode mode, String cache) throws Exception {
        PullSettings pull = new PullSettings(mode, new BlobCache(temp.resolve(cache)),
                new Credentials(Map.of(), temp.resolve("none.json")), java.net.ProxySelector.of(null), Set.of(),
                Duration.ofMillis(50), notice -> {});
        new dev.termpress.generator.build.SiteBuilder(new dev.termpress.generator.image.OciImagePublisher(),
                dev.termpress.generator.build.Progress.QUIET, false)
                .build(new dev.termpress.generator.build.BuildOptions(site, site.resolve("public"), null, false, pull));
    }
}
