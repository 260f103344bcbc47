package dev.termpress.emulator.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayerIndexTest {

    private static LayerIndex index(byte[] tar) throws ImageFormatException {
        return LayerIndex.build(TarInput.of(tar));
    }

    private static String contentAt(byte[] tar, IndexEntry entry) {
        return new String(tar, (int) entry.dataOffset(), (int) entry.size(), StandardCharsets.UTF_8);
    }

    @Test
    void readsUstarEntriesWithMetadataAndContentOffsets() throws Exception {
        byte[] tar = new TarBuilder().owner(1000, 100).dir("etc/", 0755).file("etc/hostname", "box\n")
                .file("./etc/motd", "hello world\n").symlink("bin", "usr/bin").device('3', "dev/null", 1, 3)
                .device('6', "run/fifo", 0, 0).build();
        LayerIndex index = index(tar);
        assertThat(index.entries()).extracting(IndexEntry::path)
                .containsExactly("etc", "etc/hostname", "etc/motd", "bin", "dev/null", "run/fifo");
        IndexEntry hostname = index.entries().get(1);
        assertThat(hostname.kind()).isEqualTo(EntryKind.FILE);
        assertThat(hostname.permissions()).isEqualTo(0644);
        assertThat(hostname.uid()).isEqualTo(1000);
        assertThat(hostname.gid()).isEqualTo(100);
        assertThat(hostname.mtimeSeconds()).isEqualTo(TarBuilder.MTIME);
        assertThat(contentAt(tar, hostname)).isEqualTo("box\n");
        assertThat(contentAt(tar, index.entries().get(2))).isEqualTo("hello world\n");
        assertThat(index.entries().get(3).linkTarget()).isEqualTo("usr/bin");
        assertThat(index.entries().get(4)).extracting(IndexEntry::kind, IndexEntry::deviceMajor, IndexEntry::deviceMinor)
                .containsExactly(EntryKind.CHAR_DEVICE, 1, 3);
        assertThat(index.entries().get(5).kind()).isEqualTo(EntryKind.FIFO);
        assertThat(index.streamLength()).isEqualTo(tar.length - 512); // up to and including the first zero block
    }

    @Test
    void readsAGzippedLayerThroughAStreamAsAJvmHostDoes() throws Exception {
        byte[] tar = new TarBuilder().file("etc/os-release", "ID=test\n").build();
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(tar);
        }
        LayerIndex index = LayerIndex.build(TarInput.of(
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.toByteArray())), "layer.tar.gz"));
        assertThat(contentAt(tar, index.entries().get(0))).isEqualTo("ID=test\n");
        java.io.InputStream broken = new java.io.InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("disk on fire");
            }
        };
        assertThatThrownBy(() -> LayerIndex.build(TarInput.of(broken, "sha256:abc")))
                .isInstanceOf(ImageFormatException.class).hasMessage("sha256:abc: cannot read the layer: disk on fire");
    }

    @Test
    void gnuLongNamesAndLinks() throws Exception {
        String longDir = "d".repeat(60) + "/" + "e".repeat(60);
        String longName = longDir + "/" + "f".repeat(80);
        byte[] tar = new TarBuilder().file(longName, "long").symlink(longDir + "/link", "t".repeat(150)).build();
        LayerIndex index = index(tar);
        assertThat(index.entries().get(0).path()).isEqualTo(longName);
        assertThat(contentAt(tar, index.entries().get(0))).isEqualTo("long");
        assertThat(index.entries().get(1).linkTarget()).isEqualTo("t".repeat(150));
    }

    @Test
    void paxRecordsOverrideTheHeader() throws Exception {
        Map<String, String> records = new LinkedHashMap<>();
        records.put("path", "opt/ünïcode name with a very long path " + "x".repeat(120));
        records.put("mtime", "1600000000.25");
        records.put("uid", "70000");
        records.put("gid", "80000");
        records.put("comment", "ignored");
        byte[] tar = new TarBuilder().pax(records).file("short", "payload").pax(Map.of("linkpath", "../../elsewhere"))
                .symlink("lnk", "x").build();
        LayerIndex index = index(tar);
        IndexEntry file = index.entries().get(0);
        assertThat(file.path()).isEqualTo(records.get("path"));
        assertThat(file.mtimeSeconds()).isEqualTo(1_600_000_000L);
        assertThat(file.mtimeNanos()).isEqualTo(250_000_000);
        assertThat(file.uid()).isEqualTo(70000);
        assertThat(file.gid()).isEqualTo(80000);
        assertThat(contentAt(tar, file)).isEqualTo("payload");
        assertThat(index.entries().get(1).linkTarget()).isEqualTo("../../elsewhere");
    }

    @Test
    void paxSizeOverridesTheHeaderSize() throws Exception {
        byte[] content = "0123456789".getBytes(StandardCharsets.UTF_8);
        TarBuilder builder = new TarBuilder().pax(Map.of("size", "10"));
        // The ustar size field says 0 (as for files over 8 GiB); pax's size decides where the next header is.
        builder.entry('0', "big", "", 0644, new byte[0], 0, 0);
        byte[] tar = builder.raw(Arrays.copyOf(content, 512)).file("next", "n").build();
        LayerIndex index = index(tar);
        assertThat(index.entries()).extracting(IndexEntry::path).containsExactly("big", "next");
        assertThat(contentAt(tar, index.entries().get(0))).isEqualTo("0123456789");
        assertThat(contentAt(tar, index.entries().get(1))).isEqualTo("n");
    }

    @Test
    void ustarPrefixFieldIsPartOfTheName() throws Exception {
        byte[] tar = new TarBuilder().file("name", "x").build();
        byte[] prefix = "some/prefix".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(prefix, 0, tar, 345, prefix.length);
        fixChecksum(tar, 0);
        assertThat(index(tar).entries().get(0).path()).isEqualTo("some/prefix/name");
    }

    @Test
    void base256NumbersAreRead() throws Exception {
        byte[] tar = new TarBuilder().file("f", "x").build();
        Arrays.fill(tar, 108, 116, (byte) 0);
        tar[108] = (byte) 0x80;
        tar[115] = 0x7f; // uid 127 in base-256
        tar[114] = 0x01; // + 256
        fixChecksum(tar, 0);
        assertThat(index(tar).entries().get(0).uid()).isEqualTo(383);
    }

    @Test
    void rejectsAbsolutePathsDotDotAndWritesThroughSymlinks() {
        assertThatThrownBy(() -> index(new TarBuilder().file("/etc/passwd", "x").build()))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("absolute path '/etc/passwd'");
        assertThatThrownBy(() -> index(new TarBuilder().file("etc/../../x", "x").build()))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("'..'");
        assertThatThrownBy(() -> index(new TarBuilder().file("a", "x").hardlink("b", "../a").build()))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("hard link");
        assertThatThrownBy(() -> index(new TarBuilder().symlink("evil", "/etc").file("evil/passwd", "x").build()))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("below the symlink 'evil'");
    }

    @Test
    void rejectsCorruptAndUnsupportedTars() {
        byte[] tar = new TarBuilder().file("f", "x").build();
        tar[0] = 'g';
        assertThatThrownBy(() -> index(tar)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("tar header at byte 0").hasMessageContaining("checksum");
        byte[] truncated = Arrays.copyOf(new TarBuilder().file("f", "x".repeat(2000)).buildWithoutEnd(), 1000);
        assertThatThrownBy(() -> index(truncated)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("stream ends inside the entry's 2000 bytes");
        byte[] sparse = new TarBuilder().entry('S', "s", "", 0644, new byte[0], 0, 0).build();
        assertThatThrownBy(() -> index(sparse)).isInstanceOf(ImageFormatException.class).hasMessageContaining("sparse");
    }

    @Test
    void malformedPaxIsAClearError() {
        TarBuilder builder = new TarBuilder();
        byte[] body = "99 path=x\n".getBytes(StandardCharsets.UTF_8);
        builder.entry('x', "pax", "", 0644, body, 0, 0).file("f", "x");
        assertThatThrownBy(() -> index(builder.build())).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("malformed pax record");
    }

    @Test
    void indexRoundTripsThroughItsByteFormat() throws Exception {
        Map<String, String> pax = new LinkedHashMap<>();
        pax.put("mtime", "-5.5");
        pax.put("uid", "4294967295");
        byte[] tar = new TarBuilder().owner(0, 0).dir("usr", 0755).dir("usr/bin", 0755).file("usr/bin/a", "aaa")
                .file("usr/bin/b", "b".repeat(3000)).hardlink("usr/bin/c", "usr/bin/a").symlink("usr/lib64", "lib")
                .device('4', "dev/sda", 8, 0x12345).pax(pax).file("neg", "").file(".wh.gone", "").build();
        LayerIndex index = index(tar);
        byte[] bytes = index.toBytes();
        LayerIndex decoded = LayerIndex.fromBytes(bytes);
        assertThat(decoded.entries()).isEqualTo(index.entries());
        assertThat(decoded.streamLength()).isEqualTo(index.streamLength());
        assertThat(index.entries().get(7).mtimeSeconds()).isEqualTo(-6);
        assertThat(index.entries().get(7).mtimeNanos()).isEqualTo(500_000_000);
        assertThat(bytes.length).isLessThan(200);
    }

    @Test
    void damagedIndexBytesAreClearErrors() throws Exception {
        byte[] bytes = index(new TarBuilder().file("etc/a", "1").file("etc/b", "2").build()).toBytes();
        assertThatThrownBy(() -> LayerIndex.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("layer index:");
        byte[] badMagic = bytes.clone();
        badMagic[0] = 'X';
        assertThatThrownBy(() -> LayerIndex.fromBytes(badMagic)).hasMessageContaining("bad magic");
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] mutated = bytes.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                mutated[5 + random.nextInt(mutated.length - 5)] = (byte) random.nextInt(256);
            }
            try {
                LayerIndex.fromBytes(mutated);
            } catch (ImageFormatException expected) {
                assertThat(expected.getMessage()).isNotEmpty();
            }
        }
    }

    @Test
    void aLengthWithTheSignBitSetIsRefusedNotAllocated() {
        // Magic, version 1, stream length 0, one entry sharing 0 bytes, then a path length of
        // 0x8000_0000_7fff_ffff: negative as a long, 2^31-1 once cast to int. The short fuzzing run
        // found it: the decoder allocated a 2 GiB path and the JVM ran out of memory.
        byte[] bytes = {'T', 'P', 'L', 'I', 1, 0, 1, 0,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x87, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, 0x01};
        assertThatThrownBy(() -> LayerIndex.fromBytes(bytes)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void aNegativeSpanCountIsRefused() {
        // Version 2, no entries, then checkpoints: blob size 0, a zero digest, windows size 0 and a span
        // count of -1 (ten bytes), which passed the "fits in what is left" check.
        byte[] bytes = new byte[8 + 32 + 1 + 10];
        System.arraycopy(new byte[] {'T', 'P', 'L', 'I', 2, 0, 0, 0}, 0, bytes, 0, 8);
        Arrays.fill(bytes, 41, 50, (byte) 0xff);
        bytes[50] = 0x01;
        assertThatThrownBy(() -> LayerIndex.fromBytes(bytes)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void indexRejectsUnnormalisedPathsFromTheNetwork() throws Exception {
        LayerIndex hostile = new LayerIndex(java.util.List.of(new IndexEntry("a/../../b", EntryKind.FILE, 0644, 0, 0, 0,
                0, 0, 0, "", 0, 0)), 0);
        assertThatThrownBy(() -> LayerIndex.fromBytes(hostile.toBytes())).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("'..'");
    }

    @Test
    void randomBytesNeverThrowAnythingButImageFormatException() {
        Random random = new Random(7);
        byte[] valid = new TarBuilder().file("a", "x".repeat(700)).symlink("b", "a").build();
        for (int round = 0; round < 5_000; round++) {
            byte[] tar = valid.clone();
            for (int i = 0; i < 8; i++) {
                tar[random.nextInt(tar.length)] = (byte) random.nextInt(256);
            }
            if (round % 2 == 0) {
                // Keep the checksum right so the field parsers get exercised, not just the checksum.
                fixChecksum(tar, 0);
            }
            try {
                index(tar);
            } catch (ImageFormatException expected) {
                assertThat(expected.getMessage()).isNotEmpty();
            }
        }
    }

    static void fixChecksum(byte[] tar, int header) {
        for (int i = 148; i < 156; i++) {
            tar[header + i] = ' ';
        }
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[header + i] & 0xff;
        }
        String octal = String.format("%06o", sum);
        for (int i = 0; i < 6; i++) {
            tar[header + 148 + i] = (byte) octal.charAt(i);
        }
        tar[header + 154] = 0;
    }
}
