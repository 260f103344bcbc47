package dev.termpress.generator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.build.BuildOptions;
import dev.termpress.generator.build.Progress;
import dev.termpress.generator.build.SiteBuilder;
import dev.termpress.generator.config.SiteConfigLoader;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.image.OciImagePublisher;
import java.io.IOException;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sites whose termpress.yaml names registry images, built against a fake registry: lock file, cache, errors. */
class RegistryImagesTest {

    static final Path BUSYBOX = Path.of("../content-examples/images/busybox").toAbsolutePath().normalize();
    private static final String LAYER = "sha256:d515657eee50441c20329695c183795f30c4d920d110b42c0c6e838e448d3b19";

    @TempDir
    Path temp;
    private FakeRegistry registry;
    private String manifest;
    private final List<String> notices = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        registry = new FakeRegistry();
        manifest = registry.addLayout(BUSYBOX, "1");
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private Path site(String imageEntry) throws IOException {
        Path site = temp.resolve("site");
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("termpress.yaml"), "title: Pulled\nimages:\n  box: " + imageEntry + "\n");
        Files.writeString(site.resolve("content/index.md"), "# Hi\n\n```container image=box\n$ echo hi\nhi\n```\n");
        return site;
    }

    private PullSettings pull(PullSettings.Mode mode) {
        return new PullSettings(mode, new BlobCache(temp.resolve("cache")),
                new Credentials(Map.of(), temp.resolve("none.json")), ProxySelector.of(null), Set.of(),
                Duration.ofMillis(5), notices::add);
    }

    private void build(Path site, PullSettings.Mode mode) throws BuildException {
        new SiteBuilder(new OciImagePublisher(), Progress.QUIET, false)
                .build(new BuildOptions(site, site.resolve("public"), null, false, pull(mode)));
    }

    private static String message(BuildException e) {
        return String.join("\n", e.errors().stream().map(x -> x.format()).toList());
    }

    @Test
    void firstBuildPinsTheTagAndASecondBuildUsesNoNetwork() throws Exception {
        Path site = site(registry.host() + "/busybox:1");
        build(site, PullSettings.Mode.PINNED);
        String lock = Files.readString(site.resolve("termpress.lock"));
        assertThat(lock).contains("  \"box\":\n    ref: \"" + registry.host() + "/busybox:1\"\n"
                + "    platform: \"linux/riscv64\"\n    digest: \"" + manifest + "\"\n");
        assertThat(Files.mismatch(temp.resolve("cache/blobs/sha256").resolve(LAYER.substring(7)),
                BUSYBOX.resolve("blobs/sha256").resolve(LAYER.substring(7)))).isEqualTo(-1);
        assertThat(site.resolve("public/images/blobs/sha256").resolve(LAYER.substring(7))).exists();
        assertThat(notices).anyMatch(n -> n.startsWith("wrote termpress.lock"));

        int before = registry.requestCount();
        Files.writeString(site.resolve("content/index.md"), "\nchanged\n", java.nio.file.StandardOpenOption.APPEND);
        build(site, PullSettings.Mode.PINNED);
        assertThat(registry.requestCount()).isEqualTo(before);
        assertThat(Files.readString(site.resolve("termpress.lock"))).isEqualTo(lock);
    }

    @Test
    void laterBuildsKeepThePinnedDigestUntilUpdateImagesReportsTheMove() throws Exception {
        Path site = site(registry.host() + "/busybox:1");
        build(site, PullSettings.Mode.PINNED);
        // The tag moves to another manifest (an index that names the same riscv64 manifest).
        String index = registry.addManifest("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifest
                + "\",\"size\":405,\"platform\":{\"os\":\"linux\",\"architecture\":\"riscv64\"}}]}",
                "application/vnd.oci.image.index.v1+json");
        String other = addMovedManifest();
        registry.tag("1", other);
        build(site, PullSettings.Mode.PINNED);
        assertThat(Files.readString(site.resolve("termpress.lock"))).contains(manifest);

        build(site, PullSettings.Mode.UPDATE);
        assertThat(Files.readString(site.resolve("termpress.lock"))).contains(other).doesNotContain(manifest);
        assertThat(notices).anyMatch(n -> n.equals("image \"box\": " + registry.host() + "/busybox:1 moved from "
                + manifest + " to " + other));

        registry.tag("1", index);
        build(site, PullSettings.Mode.UPDATE);
        assertThat(Files.readString(site.resolve("termpress.lock"))).contains(manifest);
    }

    @Test
    void updatingNamedImagesMovesOnlyTheirPins() throws Exception {
        Path site = site(registry.host() + "/busybox:1\n  other: " + registry.host() + "/busybox:1");
        build(site, PullSettings.Mode.PINNED);
        String moved = addMovedManifest();
        registry.tag("1", moved);
        notices.clear();

        new RegistryImages(pull(PullSettings.Mode.PINNED).updating(Set.of("box")), status -> {})
                .resolve(SiteConfigLoader.load(site), site);

        assertThat(LockFile.read(site.resolve("termpress.lock")))
                .hasEntrySatisfying("box", pin -> assertThat(pin.digest()).isEqualTo(moved))
                .hasEntrySatisfying("other", pin -> assertThat(pin.digest()).isEqualTo(manifest));
        assertThat(notices).anyMatch(n -> n.startsWith("image \"box\": ") && n.contains(" moved from " + manifest))
                .noneMatch(n -> n.startsWith("image \"other\""));

        notices.clear();
        new RegistryImages(pull(PullSettings.Mode.PINNED).updating(Set.of("box")), status -> {})
                .resolve(SiteConfigLoader.load(site), site);
        assertThat(notices).contains("image \"box\": " + registry.host() + "/busybox:1 is still " + moved);
    }

    @Test
    void offlineWithAnEmptyCacheNamesWhatIsMissing() throws Exception {
        Path site = site(registry.host() + "/busybox:1");
        build(site, PullSettings.Mode.PINNED);
        deleteTree(temp.resolve("cache"));
        assertThatThrownBy(() -> build(site, PullSettings.Mode.OFFLINE)).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(message(e)).contains("termpress.yaml:3: image \"box\": offline, and manifest " + manifest)
                        .contains("is not in the blob cache " + temp.resolve("cache")));

        Files.delete(site.resolve("termpress.lock"));
        assertThatThrownBy(() -> build(site, PullSettings.Mode.OFFLINE)).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(message(e)).contains("offline, and termpress.lock does not pin " + registry.host()
                        + "/busybox:1 (linux/riscv64)"));
        assertThat(registry.requestCount()).isPositive();
    }

    @Test
    void offlineWithOnlyTheManifestCachedListsTheMissingBlobs() throws Exception {
        Path site = site(registry.host() + "/busybox:1");
        build(site, PullSettings.Mode.PINNED);
        Files.delete(temp.resolve("cache/blobs/sha256").resolve(LAYER.substring(7)));
        assertThatThrownBy(() -> build(site, PullSettings.Mode.OFFLINE)).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(message(e)).contains("lacks layer 1/1 " + LAYER + " (1.0 MB)"));
    }

    @Test
    void aDamagedCachedBlobIsFetchedAgain() throws Exception {
        Path site = site(registry.host() + "/busybox:1");
        build(site, PullSettings.Mode.PINNED);
        Path cached = temp.resolve("cache/blobs/sha256").resolve(LAYER.substring(7));
        byte[] bytes = Files.readAllBytes(cached);
        bytes[100] ^= 1;
        Files.write(cached, bytes);
        build(site, PullSettings.Mode.PINNED);
        assertThat(Files.mismatch(cached, BUSYBOX.resolve("blobs/sha256").resolve(LAYER.substring(7)))).isEqualTo(-1);
        assertThat(registry.requests).anyMatch(r -> r.endsWith("/blobs/" + LAYER));
    }

    @Test
    void unknownTagNamesTheRepositoryAndTheLine() throws Exception {
        Path site = site(registry.host() + "/busybox:nope");
        assertThatThrownBy(() -> build(site, PullSettings.Mode.PINNED)).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(message(e)).endsWith("/site/termpress.yaml:3: image \"box\": " + registry.host()
                        + "/busybox:nope: not found (HTTP 404): manifest nope of repository busybox on " + registry.host()));
        assertThat(site.resolve("termpress.lock")).doesNotExist();
        assertThat(site.resolve("public")).doesNotExist();
    }

    @Test
    void anImageWithoutRiscv64ListsItsPlatforms() throws Exception {
        String index = registry.addManifest("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"digest\":\"sha256:" + "b".repeat(64) + "\",\"platform\":{\"os\":\"linux\",\"architecture\":"
                + "\"amd64\"}},{\"digest\":\"sha256:" + "c".repeat(64) + "\",\"platform\":{\"os\":\"linux\",\"architecture\":"
                + "\"arm64\",\"variant\":\"v8\"}}]}", "application/vnd.oci.image.index.v1+json");
        registry.tag("multi", index);
        Path site = site("{ref: \"" + registry.host() + "/busybox:multi\", platform: linux/riscv64}");
        assertThatThrownBy(() -> build(site, PullSettings.Mode.PINNED)).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(message(e)).contains("termpress.yaml:3: image \"box\": ").contains(
                        "no linux/riscv64 image; it has linux/amd64, linux/arm64/v8"));
    }

    @Test
    void aVariantPicksThatVariantAndAPlainPlatformTakesAnyVariant() throws Exception {
        String index = registry.addManifest("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifest
                + "\",\"size\":405,\"platform\":{\"os\":\"linux\",\"architecture\":\"riscv64\",\"variant\":\"rva20\"}}]}",
                "application/vnd.oci.image.index.v1+json");
        registry.tag("v", index);
        build(site(registry.host() + "/busybox:v"), PullSettings.Mode.PINNED);
        assertThat(Files.readString(temp.resolve("site/termpress.lock"))).contains(manifest);
        Path other = site("{ref: \"" + registry.host() + "/busybox:v\", platform: linux/riscv64/rva23}");
        assertThatThrownBy(() -> build(other, PullSettings.Mode.PINNED)).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(message(e)).contains("no linux/riscv64/rva23 image; it has linux/riscv64/rva20"));
    }

    @Test
    void aPinnedDigestTheRegistryLostSaysHowToRepin() throws Exception {
        Path site = site(registry.host() + "/busybox:1");
        build(site, PullSettings.Mode.PINNED);
        deleteTree(temp.resolve("cache"));
        registry.forget(manifest);
        assertThatThrownBy(() -> build(site, PullSettings.Mode.PINNED)).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(message(e)).contains("termpress.lock pins manifest " + manifest
                        + ", which the registry no longer has; `termpress build --update-images`"));
    }

    @Test
    void aCorruptBlobIsRejectedAndNothingIsCached() throws Exception {
        registry.corrupt.add(LAYER);
        Path site = site(registry.host() + "/busybox:1");
        assertThatThrownBy(() -> build(site, PullSettings.Mode.PINNED)).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(message(e)).contains("digest mismatch: blob " + LAYER + " arrived as sha256:")
                        .contains("rejected, nothing cached"));
        assertThat(temp.resolve("cache/blobs/sha256").resolve(LAYER.substring(7))).doesNotExist();
        assertThat(temp.resolve("cache/blobs/sha256").resolve("." + LAYER.substring(7) + ".part")).doesNotExist();
        assertThat(site.resolve("termpress.lock")).doesNotExist();
    }

    @Test
    void aCutDownloadResumesWithARangeRequest() throws Exception {
        registry.cutOnce.put(LAYER, 300_000);
        Path site = site(registry.host() + "/busybox:1");
        build(site, PullSettings.Mode.PINNED);
        // What the client had received when the connection dropped (at most the 300000 bytes sent) is not asked again.
        assertThat(registry.requests).anyMatch(r -> r.matches("GET /v2/busybox/blobs/" + LAYER + " Range=bytes=[1-9][0-9]*-")
                && Long.parseLong(r.replaceAll(".*=|-$", "")) <= 300_000);
        assertThat(Files.mismatch(temp.resolve("cache/blobs/sha256").resolve(LAYER.substring(7)),
                BUSYBOX.resolve("blobs/sha256").resolve(LAYER.substring(7)))).isEqualTo(-1);
    }

    @Test
    void aPartLeftByAnEarlierRunIsContinued() throws Exception {
        Path part = temp.resolve("cache/blobs/sha256").resolve("." + LAYER.substring(7) + ".part");
        Files.createDirectories(part.getParent());
        byte[] whole = Files.readAllBytes(BUSYBOX.resolve("blobs/sha256").resolve(LAYER.substring(7)));
        Files.write(part, java.util.Arrays.copyOf(whole, 500_000));
        build(site(registry.host() + "/busybox:1"), PullSettings.Mode.PINNED);
        assertThat(registry.requests).contains("GET /v2/busybox/blobs/" + LAYER + " Range=bytes=500000-");
        assertThat(part).doesNotExist();
    }

    /** Another manifest of the same config and layer (an annotation tells it apart), for a tag to move to. */
    private String addMovedManifest() {
        return registry.addManifest("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
                + "9be93d7bceace7776fe98ccddc22f0b18d3c263a083b1d9dc4a9e1fb0b6886ea\",\"size\":463},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + LAYER
                + "\",\"size\":1040222}],\"annotations\":{\"moved\":\"yes\"}}", "application/vnd.oci.image.manifest.v1+json");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
