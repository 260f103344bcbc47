package dev.termpress.generator.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.guest.GuestOverrides;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.generator.image.LocalImageLoader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The busybox image's boot snapshot on the JVM: made at init's ready marker, resumed in a fresh
 * machine with a block's settings, answering as a cold boot does; every damaged snapshot boots cold
 * with one line saying why.
 */
class BootSnapshotResumeTest {

    private static final Path BUSYBOX = Path.of("..", "content-examples", "images", "busybox");
    private static final LongSupplier CLOCK = () -> InstructionClock.BOOT_UNIX_NANOS;
    private static final long BUDGET = 600_000_000L;
    private static final long SLICE = 2_000_000L;
    private static final String COMMANDS = "echo ==$((1+1))==; echo foo=$FOO; pwd; hostname; id -u; id -g;"
            + " echo made > snap; cat snap; ls / | wc -l; echo end-$((1+2))\n";
    private static PreparedImage image;
    private static byte[] snapshot;

    @TempDir
    Path temp;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<String> notices = new ArrayList<>();

    @BeforeAll
    static void makeSnapshot() throws Exception {
        image = PreparedImage.of(LocalImageLoader.load(BUSYBOX, null));
        snapshot = image.snapshot();
    }

    @Test
    void theSameImageGivesTheSameSnapshotAndTheSameGzipBytes() throws Exception {
        byte[] again = PreparedImage.of(LocalImageLoader.load(BUSYBOX, null)).snapshot();
        assertThat(again).isEqualTo(snapshot);
        assertThat(SnapshotBlob.gzip(again)).isEqualTo(SnapshotBlob.gzip(snapshot));
        assertThat(SnapshotBlob.open(SnapshotBlob.gzip(snapshot), SnapshotBlob.digest(SnapshotBlob.gzip(snapshot)), "test"))
                .isEqualTo(snapshot);
    }

    @Test
    void aResumedBlockAnswersAsAColdBootAndKeepsItsOptions() throws Exception {
        String conf = InitConf.render(image.image().settings(),
                new GuestOverrides("snapbox", "/tmp", "1234:4321", Map.of("FOO", "bar-42"), 0, 0));

        BootedImage cold = image.boot(conf, config(), CLOCK);
        String coldAnswer = answer(cold);
        console.reset();
        BootedImage resumed = image.start(conf, this::config, CLOCK, () -> snapshot, notices::add);
        String resumedAnswer = answer(resumed);

        assertThat(notices).as("no fallback").isEmpty();
        assertThat(resumedAnswer).isEqualTo(coldAnswer).contains("foo=bar-42\r\n/tmp\r\nsnapbox\r\n1234\r\n4321\r\n")
                .contains("made\r\n");
    }

    @Test
    void aResumedMachineKeepsItsImagesWritableLayerLimit() throws Exception {
        PreparedImage limited = PreparedImage.of(LocalImageLoader.load(BUSYBOX, null), 8L << 20);
        String conf = InitConf.render(limited.image().settings(), new GuestOverrides(null, "/", null, Map.of(), 0, 0));

        BootedImage resumed = limited.start(conf, this::config, CLOCK, () -> snapshot, notices::add);
        type(resumed, "dd if=/dev/zero of=/big bs=1M count=20 2>&1 | grep -c 'No space left'; echo end-$((1+2))\n");
        String seen = runUntil(resumed, "end-3\r\n");

        assertThat(notices).as("resumed, not booted cold").isEmpty();
        assertThat(seen).contains("\r\n1\r\nend-3");
    }

    @Test
    void aMissingSnapshotBootsColdWithOneLine() throws Exception {
        Path file = temp.resolve("absent.gz");
        coldWithOneLine(() -> SnapshotBlob.read(file, "sha256:00"), "is missing");
    }

    @Test
    void aSnapshotWithAnotherDigestBootsColdWithOneLine() throws Exception {
        byte[] gz = SnapshotBlob.gzip(snapshot);
        String digest = SnapshotBlob.digest(gz);
        gz[gz.length / 2] ^= 1;
        Path file = temp.resolve("corrupt.gz");
        Files.write(file, gz);
        coldWithOneLine(() -> SnapshotBlob.read(file, digest), "is damaged: its sha256 is");
    }

    @Test
    void aTruncatedSnapshotBootsColdWithOneLine() throws Exception {
        byte[] truncated = Arrays.copyOf(snapshot, snapshot.length / 3);
        coldWithOneLine(() -> truncated, "truncated");
    }

    @Test
    void aTruncatedGzipWhoseDigestMatchesBootsColdWithOneLine() throws Exception {
        byte[] gz = Arrays.copyOf(SnapshotBlob.gzip(snapshot), 1000);
        coldWithOneLine(() -> SnapshotBlob.open(gz, SnapshotBlob.digest(gz), "short.gz"), "not valid gzip");
    }

    @Test
    void aSnapshotOfAnotherKernelBootsColdWithOneLine() throws Exception {
        byte[] other = snapshot.clone();
        int kernelSha = 8 + 4 + 4 + 8 + 4; // magic, versions, RAM size, the string's length
        other[kernelSha] = (byte) (other[kernelSha] == 'a' ? 'b' : 'a');
        coldWithOneLine(() -> resealed(other), "kernel sha256");
    }

    @Test
    void aSnapshotOfAnotherImageBootsColdWithOneLine() throws Exception {
        byte[] other = snapshot.clone();
        int imageDigest = 8 + 4 + 4 + 8 + 4 + 64 + 4 + "sha256:".length();
        other[imageDigest] = (byte) (other[imageDigest] == 'a' ? 'b' : 'a');
        coldWithOneLine(() -> resealed(other), "image digest");
    }

    @Test
    void aSnapshotOfAnotherEmulatorVersionBootsColdWithOneLine() throws Exception {
        byte[] other = snapshot.clone();
        other[12] += 1; // emulator version, little-endian u32 after magic and format version
        coldWithOneLine(() -> resealed(other), "emulator version 2");
    }

    @Test
    void aSnapshotRestoresOnlyIntoItsImage() {
        assertThatThrownBy(() -> image.resume(new byte[] {1, 2, 3}, "", config(), CLOCK))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("not a termpress snapshot");
    }

    private void coldWithOneLine(PreparedImage.SnapshotSource source, String reason) throws Exception {
        BootedImage booted = image.start("", this::config, CLOCK, source, notices::add);
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).startsWith("termpress: booting").contains("cold").contains(reason)
                .doesNotContain("\n");
        assertThat(booted.handshake().readySeen()).as("a cold boot starts before the ready marker").isFalse();
        type(booted, "echo up-$((3*3))\n");
        runUntil(booted, "up-9\r\n");
    }

    private String answer(BootedImage booted) {
        type(booted, COMMANDS);
        String seen = runUntil(booted, "end-3\r\n");
        return seen.substring(seen.indexOf("==2=="));
    }

    private MachineConfig config() {
        return MachineConfig.deterministic(console::write);
    }

    private static void type(BootedImage booted, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        booted.handshake().input(bytes, 0, bytes.length);
    }

    private String runUntil(BootedImage booted, String expected) {
        long executed = 0;
        while (executed < BUDGET && !booted.machine().halted() && !text().contains(expected)) {
            executed += booted.handshake().run(SLICE);
        }
        assertThat(text()).as("console after %d instructions", executed).contains(expected);
        return text();
    }

    private String text() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** The snapshot with its CRC-32 recomputed, so only the changed field is wrong. */
    private static byte[] resealed(byte[] snapshot) {
        CRC32 crc = new CRC32();
        crc.update(snapshot, 0, snapshot.length - 4);
        int value = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            snapshot[snapshot.length - 4 + i] = (byte) (value >>> (8 * i));
        }
        return snapshot;
    }
}
