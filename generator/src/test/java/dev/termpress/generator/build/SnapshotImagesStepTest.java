package dev.termpress.generator.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.snapshot.MachineSnapshot;
import dev.termpress.generator.image.LocalImageLoader;
import dev.termpress.generator.image.SnapshotPublisher;
import dev.termpress.generator.image.OciImagePublisher;
import dev.termpress.generator.vm.BootSnapshots;
import dev.termpress.generator.vm.BootedImage;
import dev.termpress.generator.vm.PreparedImage;
import dev.termpress.generator.vm.SnapshotBlob;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code termpress build} publishes each image's boot snapshot, the same bytes every time, unless told not to. */
class SnapshotImagesStepTest {

    private static final Path BUSYBOX = Path.of("..", "content-examples", "images", "busybox").toAbsolutePath();
    private static final String PAGE = "# Home\n\n```container image=busybox\n$ echo hi\nhi\n```\n";

    @TempDir
    Path dir;

    @Test
    void twoBuildsPublishByteIdenticalSnapshotsThatTheDescriptorNames() throws Exception {
        Path first = build("first", "");
        BootSnapshots.forgetAll(); // the second build boots again instead of reusing the first one's bytes
        Path second = build("second", "");

        JsonNode snapshot = descriptor(first).path("snapshot");
        String digest = snapshot.path("digest").asText();
        assertThat(snapshot.path("mediaType").asText()).isEqualTo(SnapshotBlob.MEDIA_TYPE);
        assertThat(snapshot.path("kernelSha256").asText()).matches("[0-9a-f]{64}");
        assertThat(snapshot.path("emulatorVersion").asInt()).isEqualTo(MachineSnapshot.EMULATOR_VERSION);
        assertThat(snapshot.path("formatVersion").asInt()).isEqualTo(MachineSnapshot.FORMAT_VERSION);
        Path blob = first.resolve("images/blobs/sha256").resolve(digest.substring("sha256:".length()));
        assertThat(blob).exists();
        assertThat(Files.size(blob)).isEqualTo(snapshot.path("size").asLong());
        assertThat(descriptor(second).path("snapshot")).isEqualTo(snapshot);
        assertThat(Files.readAllBytes(second.resolve(first.relativize(blob)))).isEqualTo(Files.readAllBytes(blob));

        JsonNode cold = snapshot.path("cold");
        assertThat(cold.path("mediaType").asText()).isEqualTo(SnapshotPublisher.COLD_MEDIA_TYPE);
        String coldDigest = cold.path("digest").asText();
        Path coldBlob = first.resolve("images/blobs/sha256").resolve(coldDigest.substring("sha256:".length()));
        assertThat(Files.size(coldBlob)).isEqualTo(cold.path("size").asLong());
        assertThat(Files.readAllBytes(second.resolve(first.relativize(coldBlob)))).isEqualTo(Files.readAllBytes(coldBlob));

        PreparedImage image = PreparedImage.of(LocalImageLoader.load(BUSYBOX, null));
        byte[] raw = SnapshotBlob.read(blob, digest);
        BootedImage resumed = image.resume(raw, SnapshotBlob.read(coldBlob, coldDigest), "",
                MachineConfig.deterministic((data, offset, length) -> { }), () -> InstructionClock.BOOT_UNIX_NANOS);
        assertThat(resumed.machine().ram().absentPages()).isZero();
        assertThat(resumed.handshake().readySeen()).as("the published file resumes this image").isTrue();
    }

    @Test
    void snapshotFalseOnTheImageOrTheSitePublishesNone() throws Exception {
        Path perImage = build("per-image", "");
        assertThat(descriptor(perImage).has("snapshot")).isTrue();
        Path off = build("off-image", "    snapshot: false\n");
        assertThat(descriptor(off).has("snapshot")).isFalse();
        Path siteWide = build("off-site", "", "snapshot: false\n");
        assertThat(descriptor(siteWide).has("snapshot")).isFalse();
    }

    private Path build(String name, String imageSettings) throws Exception {
        return build(name, imageSettings, "");
    }

    private Path build(String name, String imageSettings, String siteSettings) throws Exception {
        Path site = dir.resolve(name);
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("termpress.yaml"), "title: Snapshots\n" + siteSettings + "images:\n  busybox:\n"
                + "    source: " + BUSYBOX + "\n" + imageSettings);
        Files.writeString(site.resolve("content/index.md"), PAGE);
        Path out = site.resolve("public");
        new SiteBuilder(new OciImagePublisher(), Progress.QUIET).build(new BuildOptions(site, out, null, false));
        return out;
    }

    private static JsonNode descriptor(Path out) throws Exception {
        return new ObjectMapper().readTree(Files.readAllBytes(out.resolve("images/busybox.json")));
    }
}
