package dev.termpress.generator.image;

import dev.termpress.emulator.guest.ContainerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads an OCI image layout, {@code oci-archive} or {@code docker save} tar into a {@link LocalImage}:
 * resolved to {@code linux/riscv64}, each blob's size and sha256 and each layer's diff_id verified.
 */
public final class LocalImageLoader {

    private LocalImageLoader() {}

    /**
     * Loads the image at {@code source}; {@code reference} picks a tag when the source holds
     * several, {@code null} when it holds one.
     *
     * @throws ImageException naming the file and what would be valid
     */
    public static LocalImage load(Path source, String reference) throws ImageException {
        try (ImageSource opened = ImageSources.open(source)) {
            ResolvedImage image = new ImageResolver(opened).resolve(reference);
            ImageConfig config = image.config();
            List<Descriptor> layers = image.manifest().layers();
            String configWhere = opened.locate(image.manifest().config().digest());
            if (config.diffIds().size() != layers.size()) {
                throw new ImageException(configWhere + ": rootfs.diff_ids has " + config.diffIds().size()
                        + " entries but the manifest has " + layers.size() + " layers; they must match one to one");
            }
            List<byte[]> tars = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                tars.add(readLayer(opened, layers.get(i), config.diffIds().get(i), configWhere, i));
            }
            ContainerSettings settings = new ContainerSettings(config.env(), config.workingDir(), config.user(),
                    config.entrypoint(), config.cmd());
            return new LocalImage(opened.describe(), settings, tars, image.manifestDescriptor().digest().toString());
        } catch (IOException | UncheckedIOException e) {
            throw new ImageException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The layer's uncompressed bytes, after checking the blob against its descriptor and diff_id. */
    private static byte[] readLayer(ImageSource source, Descriptor layer, Digest diffId, String configWhere, int index)
            throws ImageException, IOException {
        String where = source.locate(layer.digest());
        Compression compression = MediaTypes.layerCompression(layer.mediaType()).orElseThrow(() -> new ImageException(
                where + ": layer media type \"" + layer.mediaType() + "\" is not supported; expected one of "
                        + MediaTypes.LAYERS));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (InputStream raw = source.openBlob(layer.digest())) {
            HashingInputStream verified = new HashingInputStream(raw, OutputStream.nullOutputStream());
            try {
                InputStream plain = compression == Compression.GZIP ? new GZIPInputStream(verified, 65536) : verified;
                HashingInputStream uncompressed = new HashingInputStream(plain, tar);
                uncompressed.drain();
                verified.drain();
                Verification.check(where, layer, verified.count(), verified.digest());
                if (!uncompressed.digest().equals(diffId)) {
                    throw new ImageException(where + ": uncompressed sha256 is " + uncompressed.digest().hex()
                            + ", but " + configWhere + " rootfs.diff_ids[" + index + "] says " + diffId
                            + "; the layer and the config do not belong together");
                }
            } catch (IOException e) {
                verified.drain();
                Verification.check(where, layer, verified.count(), verified.digest());
                throw new ImageException(where + ": not a valid " + compression.label + " layer (" + e.getMessage()
                        + ")", e);
            }
        }
        return tar.toByteArray();
    }
}
