package dev.termpress.generator.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an image source, detecting its format from its contents. */
final class ImageSources {

    private static final String EXPECTED = "expected an OCI image layout directory (oci-layout, index.json, "
            + "blobs/sha256/), an oci-archive tar or a docker save tar";

    private ImageSources() {}

    static ImageSource open(Path source) throws ImageException {
        if (Files.isDirectory(source)) {
            DirectoryTree tree = new DirectoryTree(source);
            if (!OciLayoutSource.isLayout(tree)) {
                throw new ImageException(source + ": not an OCI image layout (no oci-layout or index.json); " + EXPECTED);
            }
            return new OciLayoutSource(tree, "OCI image layout " + source);
        }
        if (!Files.isRegularFile(source)) {
            throw new ImageException(source + ": no such file or directory; " + EXPECTED);
        }
        if (isCompressed(source)) {
            throw new ImageException(source + ": compressed archive; decompress it first (for example gunzip), "
                    + EXPECTED);
        }
        TarTree tree = TarTree.open(source);
        if (OciLayoutSource.isLayout(tree)) {
            return new OciLayoutSource(tree, "oci-archive " + source);
        }
        if (tree.exists(DockerArchiveSource.MANIFEST_JSON)) {
            return new DockerArchiveSource(tree, source.toString());
        }
        tree.close();
        throw new ImageException(source + ": a tar archive with neither oci-layout + index.json nor manifest.json; "
                + EXPECTED);
    }

    /** gzip (RFC 1952 §2.3.1), bzip2, xz and zstd magic numbers. */
    private static boolean isCompressed(Path file) throws ImageException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        } catch (IOException e) {
            throw new ImageException(file + ": cannot read: " + e.getMessage(), e);
        }
        int b0 = head.length > 0 ? head[0] & 0xff : -1;
        int b1 = head.length > 1 ? head[1] & 0xff : -1;
        int b2 = head.length > 2 ? head[2] & 0xff : -1;
        int b3 = head.length > 3 ? head[3] & 0xff : -1;
        return (b0 == 0x1f && b1 == 0x8b)
                || (b0 == 'B' && b1 == 'Z' && b2 == 'h')
                || (b0 == 0xfd && b1 == '7' && b2 == 'z' && b3 == 'X')
                || (b0 == 0x28 && b1 == 0xb5 && b2 == 0x2f && b3 == 0xfd);
    }
}
