package dev.termpress.runtime.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.guest.ContainerSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The descriptor's snapshot object as the runtime reads it, and when a Run resumes or boots cold. */
class BootChoiceTest {

    private static final String KERNEL = "c".repeat(64);
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String MANIFEST = "sha256:" + "b".repeat(64);
    private static final int FORMAT = 1;
    private static final int EMULATOR = 1;

    private static BootSnapshot snapshot() {
        return BootSnapshot.of(BootSnapshot.MEDIA_TYPE, DIGEST, 2_650_000, KERNEL, EMULATOR, FORMAT);
    }

    private static ImageDescriptor image(String manifest, BootSnapshot snapshot, String problem) {
        ImageDescriptor.Layer layer = new ImageDescriptor.Layer("sha256:" + "d".repeat(64), 10, true, null, null);
        return new ImageDescriptor("busybox", "blobs/sha256/", new ContainerSettings(List.of(), null, null, null, null),
                List.of(layer), manifest, snapshot, problem);
    }

    @Test
    void aWellFormedObjectIsRead() {
        BootSnapshot read = snapshot();

        assertThat(read.size()).isEqualTo(2_650_000);
        assertThat(read.hex()).isEqualTo("a".repeat(64));
        assertThat(read.mismatch(KERNEL, FORMAT, EMULATOR)).isNull();
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThatThrownBy(() -> BootSnapshot.of("application/gzip", DIGEST, 10, KERNEL, 1, 1))
                .hasMessageContaining("media type application/gzip");
        assertThatThrownBy(() -> BootSnapshot.of(BootSnapshot.MEDIA_TYPE, "sha256:XYZ", 10, KERNEL, 1, 1))
                .hasMessageContaining("digest sha256:XYZ");
        assertThatThrownBy(() -> BootSnapshot.of(BootSnapshot.MEDIA_TYPE, DIGEST, -1, KERNEL, 1, 1))
                .as("absent size reads as -1").hasMessageContaining("size");
        assertThatThrownBy(() -> BootSnapshot.of(BootSnapshot.MEDIA_TYPE, DIGEST, 10.5, KERNEL, 1, 1))
                .hasMessageContaining("size 10.5");
        assertThatThrownBy(() -> BootSnapshot.of(BootSnapshot.MEDIA_TYPE, DIGEST, 10, null, 1, 1))
                .hasMessageContaining("kernelSha256 null");
        assertThatThrownBy(() -> BootSnapshot.of(BootSnapshot.MEDIA_TYPE, DIGEST, 10, KERNEL, -1, 1))
                .hasMessageContaining("emulatorVersion");
    }

    @Test
    void aSecondPartIsReadWithItsOwnChecks() {
        String cold = "sha256:" + "e".repeat(64);
        BootSnapshot split = snapshot().withCold(BootSnapshot.COLD_MEDIA_TYPE, cold, 990_000);

        assertThat(snapshot().split()).isFalse();
        assertThat(split.split()).isTrue();
        assertThat(split.coldDigest()).isEqualTo(cold);
        assertThat(split.coldSize()).isEqualTo(990_000);
        assertThat(split.digest()).isEqualTo(DIGEST);
        assertThatThrownBy(() -> snapshot().withCold(BootSnapshot.MEDIA_TYPE, cold, 10))
                .hasMessageContaining("snapshot.cold media type");
        assertThatThrownBy(() -> snapshot().withCold(BootSnapshot.COLD_MEDIA_TYPE, "sha256:12", 10))
                .hasMessageContaining("snapshot.cold digest");
        assertThatThrownBy(() -> snapshot().withCold(BootSnapshot.COLD_MEDIA_TYPE, cold, -1))
                .hasMessageContaining("snapshot.cold size");
    }

    @Test
    void aSnapshotThatFitsIsResumed() {
        BootChoice choice = BootChoice.of(image(MANIFEST, snapshot(), null), KERNEL, FORMAT, EMULATOR);

        assertThat(choice.resume()).isTrue();
        assertThat(choice.snapshot()).isEqualTo(snapshot());
        assertThat(choice.notice()).isNull();
    }

    @Test
    void noSnapshotIsAColdBootWithoutANotice() {
        BootChoice choice = BootChoice.of(image(MANIFEST, null, null), KERNEL, FORMAT, EMULATOR);

        assertThat(choice.resume()).isFalse();
        assertThat(choice.notice()).as("snapshot: false is not worth a line").isNull();
    }

    @Test
    void everyMismatchIsAColdBootWithOneLineSayingWhy() {
        assertThat(BootChoice.of(image(MANIFEST, snapshot(), null), KERNEL, FORMAT, EMULATOR + 1))
                .satisfies(choice -> assertThat(choice.resume()).isFalse())
                .extracting(BootChoice::notice).isEqualTo("termpress: boot snapshot not used (made by emulator"
                        + " version 1, this runtime is version 2); booting");
        assertThat(BootChoice.of(image(MANIFEST, snapshot(), null), KERNEL, FORMAT + 1, EMULATOR).notice())
                .contains("format version 1, this runtime reads 2");
        assertThat(BootChoice.of(image(MANIFEST, snapshot(), null), "e".repeat(64), FORMAT, EMULATOR).notice())
                .contains("made for kernel cccccccccccc, this runtime boots eeeeeeeeeeee");
        assertThat(BootChoice.of(image(MANIFEST, snapshot(), null), null, FORMAT, EMULATOR).notice())
                .contains("the page does not say which kernel");
        assertThat(BootChoice.of(image(null, snapshot(), null), KERNEL, FORMAT, EMULATOR).notice())
                .contains("no manifest digest");
        BootChoice malformed = BootChoice.of(image(MANIFEST, null, "descriptor: snapshot size -1.0 is not a whole"
                + " number of bytes below 2 GiB"), KERNEL, FORMAT, EMULATOR);
        assertThat(malformed.resume()).isFalse();
        assertThat(malformed.notice()).startsWith("termpress: boot snapshot not used (descriptor: snapshot size")
                .endsWith("); booting");
    }
}
