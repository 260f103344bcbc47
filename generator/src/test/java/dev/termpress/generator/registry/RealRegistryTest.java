package dev.termpress.generator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls the example busybox image through Debian's docker-registry (the CNCF distribution server),
 * pushed there by skopeo. Skipped where either binary is missing; .ci/run installs both.
 */
class RealRegistryTest {

    private static final Path BUSYBOX = Path.of("../content-examples/images/busybox").toAbsolutePath().normalize();

    @TempDir
    Path temp;
    private Process registry;

    @AfterEach
    void stop() throws InterruptedException {
        if (registry != null) {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void pullsTheExampleBusyboxPushedBySkopeo() throws Exception {
        int port = startRegistryHoldingBusybox();

        RegistryClient client = new RegistryClient(new Credentials(Map.of(), temp.resolve("none.json")), Set.of(),
                Duration.ofMillis(50));
        ImageReference ref = ImageReference.parse("127.0.0.1:" + port + "/busybox:1");
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
        int port = startRegistryHoldingBusybox();

        Path site = temp.resolve("site");
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("termpress.yaml"), "images:\n  box: 127.0.0.1:" + port + "/busybox:1\n");
        Files.writeString(site.resolve("content/index.md"), "# Hi\n\n```container image=box\n$ echo hi\nhi\n```\n");
        build(site, PullSettings.Mode.PINNED, "cache");
        assertThat(Files.readString(site.resolve("termpress.lock"))).contains("ref: \"127.0.0.1:" + port + "/busybox:1\"");

        registry.destroy();
        registry.waitFor(10, TimeUnit.SECONDS);
        registry = null;
        RegistryImagesTest.deleteTree(site.resolve("public"));
        build(site, PullSettings.Mode.PINNED, "cache");
        build(site, PullSettings.Mode.OFFLINE, "cache");
        assertThat(site.resolve("public/index.html")).exists();

        assertThatThrownBy(() -> build(site, PullSettings.Mode.OFFLINE, "empty-cache"))
                .isInstanceOf(dev.termpress.generator.diag.BuildException.class)
                .hasMessageContaining("termpress.yaml:2: image \"box\": offline, and manifest sha256:")
                .hasMessageContaining("is not in the blob cache " + temp.resolve("empty-cache"));
    }

    /**
     * Starts Debian's docker-registry on a free port of 127.0.0.1 and pushes the example busybox into it
     * as {@code busybox:1} with skopeo; returns the port. Skips the test when either tool is missing.
     */
    private int startRegistryHoldingBusybox() throws Exception {
        assumeThat(onPath("docker-registry") && onPath("skopeo")).as("docker-registry and skopeo installed").isTrue();
        assumeThat(Files.isDirectory(BUSYBOX)).isTrue();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = temp.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: "
                + temp.resolve("storage") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        registry = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("registry.log").toFile()).start();
        waitForPort(port);
        Process copy = new ProcessBuilder("skopeo", "copy", "--quiet", "--dest-tls-verify=false",
                "oci:" + BUSYBOX + ":latest", "docker://127.0.0.1:" + port + "/busybox:1")
                .redirectErrorStream(true).redirectOutput(temp.resolve("skopeo.log").toFile()).start();
        assertThat(copy.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(copy.exitValue()).as(Files.readString(temp.resolve("skopeo.log"))).isZero();
        return port;
    }

    private void build(Path site, PullSettings.Mode mode, String cache) throws Exception {
        PullSettings pull = new PullSettings(mode, new BlobCache(temp.resolve(cache)),
                new Credentials(Map.of(), temp.resolve("none.json")), java.net.ProxySelector.of(null), Set.of(),
                Duration.ofMillis(50), notice -> {});
        new dev.termpress.generator.build.SiteBuilder(new dev.termpress.generator.image.OciImagePublisher(),
                dev.termpress.generator.build.Progress.QUIET, false)
                .build(new dev.termpress.generator.build.BuildOptions(site, site.resolve("public"), null, false, pull));
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("docker-registry did not listen on 127.0.0.1:" + port);
    }
}
