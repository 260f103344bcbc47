package dev.termpress.generator.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes OCI image layouts, {@code oci-archive} tars and {@code docker save} tars (detected from
 * their contents) into a site: resolve to {@code linux/riscv64}, verify every blob, write the blobs
 * once under {@code images/blobs/sha256/} and the descriptor last, so a site never names a blob
 * that is not there.
 */
public final class OciImagePublisher implements ImagePublisher {

    /** Creates a publisher; it keeps no state between calls. */
    public OciImagePublisher() {}

    @Override
    public PublishedImage publish(ImageSpec spec, Path siteOutput) throws ImageException {
        try (ImageSource source = ImageSources.open(spec.source())) {
            ResolvedImage image = new ImageResolver(source).resolve(spec.reference());
            SiteBlobStore store = new SiteBlobStore(siteOutput);
            List<LayerFacts> facts = publishLayers(source, image, store);
            store.putVerified(image.manifest().config(), image.configBytes());
            store.putVerified(image.manifestDescriptor(), image.manifestBytes());
            String descriptorPath = ImageDescriptorWriter.relativePath(spec.name());
            ImageDescriptorWriter.write(siteOutput, descriptorPath, spec.name(), image, facts);
            return new PublishedImage(spec.name(), descriptorPath, store.blobsWritten(), store.bytesWritten());
        } catch (ImageException e) {
            throw new ImageException(prefix(spec) + e.getMessage(), e.getCause());
        } catch (IOException | UncheckedIOException e) {
            throw new ImageException(prefix(spec) + "cannot read " + spec.source() + " or write to " + siteOutput
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<LayerFacts> publishLayers(ImageSource source, ResolvedImage image, SiteBlobStore store)
            throws ImageException, IOException {
        List<Descriptor> layers = image.manifest().layers();
        List<Digest> diffIds = image.config().diffIds();
        String configWhere = source.locate(image.manifest().config().digest());
        if (diffIds.size() != layers.size()) {
            throw new ImageException(configWhere + ": rootfs.diff_ids has " + diffIds.size()
                    + " entries but the manifest has " + layers.size() + " layers; they must match one to one");
        }
        List<LayerFacts> facts = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Descriptor layer = layers.get(i);
            LayerFacts layerFacts = store.putLayer(source, layer,
                    MediaTypes.layerCompression(layer.mediaType()).orElseThrow());
            if (!layerFacts.diffId().equals(diffIds.get(i))) {
                throw new ImageException(source.locate(layer.digest()) + ": uncompressed sha256 is "
                        + layerFacts.diffId().hex() + ", but " + configWhere + " rootfs.diff_ids[" + i + "] says "
                        + diffIds.get(i) + "; the layer and the config do not belong together");
            }
            facts.add(layerFacts);
        }
        return facts;
    }

    /** "termpress.yaml:7: image "busybox": " so every message starts at the declaration. */
    private static String prefix(ImageSpec spec) {
        String at = spec.declaredIn() == null ? "" : spec.declaredIn() + (spec.line() > 0 ? ":" + spec.line() : "") + ": ";
        return at + "image \"" + spec.name() + "\": ";
    }
}
