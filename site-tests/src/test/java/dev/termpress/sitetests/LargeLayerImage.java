package dev.termpress.sitetests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The example busybox image plus a synthetic layer of several megabytes (files {@code /opt/big/fNN},
 * mixing text and random bytes) as an OCI layout in a site directory: large enough that the generator
 * writes inflate checkpoints for it.
 */
final class LargeLayerImage {

    static final int FILES = 40;
    static final int FILE_BYTES = 200_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path siteDir;
    private final String layerHex;
    private final long layerSize;

    private LargeLayerImage(Path siteDir, String layerHex, long layerSize) {
        this.siteDir = siteDir;
        this.layerHex = layerHex;
        this.layerSize = layerSize;
    }

    /** A site whose one page has a demo block on the image. */
    static LargeLayerImage create() throws Exception {
        Path site = ServedSite.newSourceFolder(); // removed with the ServedSite that buildOwned makes of it
        Path layout = site.resolve("images/big");
        copyTree(Path.of(System.getProperty("termpress.examples", "../content-examples")).resolve("images/busybox"),
                layout);
        byte[] tar = tar();
        byte[] blob = gzip(tar);
        String blobHex = put(layout, blob);
        Path manifestPath = blobPath(layout, JSON.readTree(layout.resolve("index.json").toFile())
                .at("/manifests/0/digest").asText());
        ObjectNode manifest = (ObjectNode) JSON.readTree(manifestPath.toFile());
        ObjectNode config = (ObjectNode) JSON.readTree(blobPath(layout, manifest.at("/config/digest").asText()).toFile());
        config.withArray("/rootfs/diff_ids").add("sha256:" + sha256(tar));
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ObjectNode configDescriptor = (ObjectNode) manifest.get("config");
        configDescriptor.put("digest", "sha256:" + put(layout, configBytes)).put("size", configBytes.length);
        manifest.withArray("/layers").addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
                .put("digest", "sha256:" + blobHex).put("size", blob.length);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
        ((ObjectNode) index.at("/manifests/0")).put("digest", "sha256:" + put(layout, manifestBytes))
                .put("size", manifestBytes.length);
        JSON.writeValue(layout.resolve("index.json").toFile(), index);

        Files.writeString(site.resolve("termpress.yaml"), "title: Big\nimages:\n  big: images/big\n");
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("content/index.md"), "# Big\n\n```container image=big\n$ ls /opt/big | wc -l\n"
                + FILES + "\n```\n");
        return new LargeLayerImage(site, blobHex, blob.length);
    }

    Path siteDir() {
        return siteDir;
    }

    /** The hex digest of the large layer's blob (its URL ends with it). */
    String layerHex() {
        return layerHex;
    }

    long layerSize() {
        return layerSize;
    }

    /** The content of {@code /opt/big/fNN}. */
    static byte[] file(int n) {
        Random random = new Random(n);
        byte[] bytes = new byte[FILE_BYTES];
        if (n % 2 == 0) {
            random.nextBytes(bytes);
        } else {
            String words = "riscv64 linux termpress span checkpoint window deflate block ";
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) words.charAt(random.nextInt(words.length()));
            }
        }
        return bytes;
    }

    /** md5sum's hex of {@code /opt/big/fNN}. */
    static String md5(int n) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(file(n)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    static String name(int n) {
        return String.format("/opt/big/f%02d", n);
    }

    private static byte[] tar() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (String dir : new String[] {"opt/", "opt/big/"}) {
                TarArchiveEntry entry = new TarArchiveEntry(dir);
                entry.setMode(040755);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            for (int n = 0; n < FILES; n++) {
                TarArchiveEntry entry = new TarArchiveEntry(name(n).substring(1));
                byte[] content = file(n);
                entry.setSize(content.length);
                entry.setMode(0100644);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static String put(Path layout, byte[] bytes) throws Exception {
        String hex = sha256(bytes);
        Files.write(layout.resolve("blobs/sha256").resolve(hex), bytes);
        return hex;
    }

    private static Path blobPath(Path layout, String digest) {
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
