package dev.termpress.generator.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.termpress.generator.paths.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts an image's boot snapshot into a site: the gzipped snapshot as a blob named by its sha256,
 * then the image descriptor again with a {@code snapshot} object naming it (docs/image-descriptor.md),
 * so the descriptor never names a blob that is not there.
 */
public final class SnapshotPublisher {

    private SnapshotPublisher() {}

    /** What the descriptor says about the snapshot. */
    public record Published(String digest, long size) {}

    /**
     * The image's manifest digest as its published descriptor names it: what the snapshot must be made from.
     *
     * @throws ImageException if the descriptor cannot be read
     */
    public static String manifestDigest(Path siteOutput, String descriptorPath) throws ImageException {
        Path file = siteOutput.resolve(descriptorPath);
        JsonNode root = read(file);
        return Json.text(root.path("manifest"), "digest", file.toString());
    }

    /**
     * Writes {@code gzipped} under {@code images/blobs/sha256/} and names it in the descriptor at
     * {@code descriptorPath}, with what it belongs to.
     *
     * @param mediaType the snapshot blob's media type
     * @param kernelSha256 the kernel the snapshot was booted on (hex)
     * @param emulatorVersion and {@code formatVersion}: the snapshot's header versions
     */
    public static Published publish(Path siteOutput, String descriptorPath, byte[] gzipped, String mediaType,
            String kernelSha256, int emulatorVersion, int formatVersion) throws ImageException {
        return publish(siteOutput, descriptorPath, gzipped, null, mediaType, kernelSha256, emulatorVersion, formatVersion);
    }

    /**
     * The same for a snapshot in two parts: {@code cold} (gzipped, null for a whole snapshot) is written as a
     * blob too and named by the {@code snapshot.cold} object. The size returned counts both parts.
     */
    public static Published publish(Path siteOutput, String descriptorPath, byte[] gzipped, byte[] cold,
            String mediaType, String kernelSha256, int emulatorVersion, int formatVersion) throws ImageException {
        Path descriptor = siteOutput.resolve(descriptorPath);
        Digest digest = Digest.of(Digest.newSha256().digest(gzipped));
        try {
            writeBlob(siteOutput, digest, gzipped);
            Digest coldDigest = cold == null ? null : Digest.of(Digest.newSha256().digest(cold));
            if (cold != null) {
                writeBlob(siteOutput, coldDigest, cold);
            }
            ObjectNode root = (ObjectNode) read(descriptor);
            ObjectNode snapshot = Json.MAPPER.createObjectNode();
            snapshot.put("mediaType", mediaType);
            snapshot.put("digest", digest.toString());
            snapshot.put("size", gzipped.length);
            snapshot.put("kernelSha256", kernelSha256);
            snapshot.put("emulatorVersion", emulatorVersion);
            snapshot.put("formatVersion", formatVersion);
            if (cold != null) {
                ObjectNode second = Json.MAPPER.createObjectNode();
                second.put("mediaType", COLD_MEDIA_TYPE);
                second.put("digest", coldDigest.toString());
                second.put("size", cold.length);
                snapshot.set("cold", second);
            }
            root.set("snapshot", snapshot);
            AtomicFiles.write(descriptor, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new ImageException(descriptor + ": cannot write the boot snapshot: " + e.getMessage(), e);
        }
        return new Published(digest.toString(), gzipped.length + (cold == null ? 0 : cold.length));
    }

    /** The media type of a snapshot's second part (the RAM pages a resume needs only after the prompt). */
    public static final String COLD_MEDIA_TYPE = "application/vnd.termpress.snapshot-pages.v1+gzip";

    private static void writeBlob(Path siteOutput, Digest digest, byte[] bytes) throws IOException {
        Path blob = siteOutput.resolve("images/blobs/sha256").resolve(digest.hex());
        if (!Files.exists(blob) || Files.size(blob) != bytes.length) {
            AtomicFiles.write(blob, bytes);
        }
    }

    private static JsonNode read(Path file) throws ImageException {
        try {
            return Json.parseObject(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ImageException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
