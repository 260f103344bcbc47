package dev.termpress.emulator.fs;

import static dev.termpress.emulator.fs.FsPaths.find;
import static dev.termpress.emulator.fs.FsPaths.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Layers written by GNU tar itself (see make-fixtures.sh next to the fixtures), not by our test builder. */
class GnuTarFixtureTest {

    private static final String LONG_DIR = "d".repeat(60) + "/" + "e".repeat(60);
    private static final long OS_RELEASE_MTIME = 1_612_325_106L; // 2021-02-03T04:05:06Z

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = new GZIPInputStream(GnuTarFixtureTest.class.getResourceAsStream(name + ".tar.gz"))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixture-gnu", "fixture-pax"})
    void everyKindOfEntrySurvivesTheRoundTrip(String name) throws Exception {
        byte[] tar = fixture(name);
        LayerIndex index = LayerIndex.fromBytes(LayerIndex.build(TarInput.of(tar)).toBytes());
        ImageFileSystem fs = ImageFileSystem.create(List.of(index), new ByteArrayLayerSource(List.of(tar)), () -> 0L);

        assertThat(fs.list(fs.root())).containsExactlyInAnyOrder("d".repeat(60), "dir with spaces", "etc", "usr");
        assertThat(read(fs, "etc/os-release")).isEqualTo("ID=fixture\n");
        assertThat(find(fs, "etc/os-release").mtimeSeconds()).isEqualTo(OS_RELEASE_MTIME);
        if (name.equals("fixture-pax")) {
            assertThat(find(fs, "etc/os-release").mtimeNanos()).isEqualTo(123_456_789);
        }

        Inode hello = find(fs, "usr/bin/hello");
        assertThat(find(fs, "usr/bin/hello-again")).isSameAs(hello);
        assertThat(hello.linkCount()).isEqualTo(2);
        assertThat(hello.mode()).isEqualTo(FileMode.S_IFREG | 04755);
        assertThat(read(fs, "usr/bin/hello")).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(read(fs, "usr/bin/big")).isEqualTo("z".repeat(5000));

        assertThat(fs.readlink(find(fs, "etc/hello-link"))).isEqualTo("../usr/bin/hello");
        assertThat(fs.readlink(find(fs, "etc/long-target"))).isEqualTo("/" + "t".repeat(150));
        assertThat(read(fs, LONG_DIR + "/" + "f".repeat(50))).isEqualTo("long path content\n");
        assertThat(read(fs, "dir with spaces/ünïcode/файл")).isEqualTo("x");

        assertThat(find(fs, "etc/fifo").mode() & FileMode.S_IFMT).isEqualTo(FileMode.S_IFIFO);
        Inode devNull = find(fs, "etc/null");
        assertThat(devNull.mode() & FileMode.S_IFMT).isEqualTo(FileMode.S_IFCHR);
        assertThat(devNull.rdev()).isEqualTo(FileMode.encodeDevice(1, 3));
        assertThat(fs.root().uid()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixture-paxnames"})
    void ownersComeFromTheArchive(String name) throws Exception {
        byte[] tar = fixture(name);
        ImageFileSystem fs = Layers.fs(tar);
        assertThat(find(fs, "etc/os-release").uid()).isEqualTo(1000);
        assertThat(find(fs, "usr/bin").gid()).isEqualTo(1000);
    }
}
