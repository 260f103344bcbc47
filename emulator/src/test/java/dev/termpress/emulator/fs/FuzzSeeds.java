package dev.termpress.emulator.fs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the committed seed corpora of {@link TarIndexFuzzTest}, {@link IndexCodecFuzzTest} and
 * {@code deflate.GzipFuzzTest}: small tars of every entry kind (pax and GNU long names, hard links,
 * devices, the GNU tar fixtures), their indexes, and their gzip blobs at several levels. Run from the
 * emulator directory: {@code java -cp target/test-classes:target/classes dev.termpress.emulator.fs.FuzzSeeds}.
 */
public final class FuzzSeeds {

    private static final String RESOURCES = "src/test/resources/dev/termpress/emulator/fs/";
    private static final String[] FIXTURES = {"fixture-gnu.tar.gz", "fixture-pax.tar.gz", "fixture-paxnames.tar.gz"};

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException, ImageFormatException {
        List<byte[]> tars = tars();
        Path tarDir = Path.of(RESOURCES, "TarIndexFuzzTestInputs", "tarsAreIndexedOrRefused");
        Path indexDir = Path.of(RESOURCES, "IndexCodecFuzzTestInputs", "indexesDecodeOrAreRefused");
        Path gzipDir = Path.of(RESOURCES, "deflate", "GzipFuzzTestInputs", "inflatesAsTheJdkDoes");
        for (Path dir : List.of(tarDir, indexDir, gzipDir)) {
            Files.createDirectories(dir);
        }
        for (int i = 0; i < tars.size(); i++) {
            byte[] tar = tars.get(i);
            Files.write(tarDir.resolve(String.format("tar-%02d", i)), tar);
            Files.write(indexDir.resolve(String.format("index-%02d", i)), LayerIndex.build(TarInput.of(tar)).toBytes());
            Files.write(gzipDir.resolve(String.format("gzip-%02d", i)), gzip(tar, new int[] {0, 1, 6, 9}[i % 4]));
        }
    }

    private static List<byte[]> tars() throws IOException {
        List<byte[]> tars = new ArrayList<>();
        tars.add(new TarBuilder().dir("bin", 0755).file("bin/busybox", "BUSYBOX".getBytes(), 0755)
                .hardlink("bin/sh", "bin/busybox").dir("etc", 0755).file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
                .symlink("lib", "usr/lib").device('3', "dev/null", 1, 3).device('4', "dev/sda", 8, 0)
                .entry('6', "run/fifo", "", 0644, new byte[0], 0, 0).build());
        tars.add(new TarBuilder().owner(1000, 1000).dir("home/user", 0700).file("home/user/.profile", "PS1='$ '\n")
                .pax(Map.of("path", "home/user/a name with spaces", "mtime", "1700000000.5")).file("x", "pax\n")
                .build());
        tars.add(new TarBuilder().file("d".repeat(120) + "/file", "long name\n")
                .symlink("link", "t".repeat(150)).build());
        tars.add(new TarBuilder().dir("a", 0755).file("a/.wh.b", "").file("a/.wh..wh..opq", "").file("a/c", "c").build());
        tars.add(new TarBuilder().file("sparse-looking", new byte[3000], 0644).buildWithoutEnd());
        for (String fixture : FIXTURES) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(RESOURCES, fixture)))) {
                tars.add(in.readAllBytes());
            }
        }
        return tars;
    }

    private static byte[] gzip(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
                def.setStrategy(level == 1 ? Deflater.HUFFMAN_ONLY : Deflater.DEFAULT_STRATEGY);
            }
        }) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
