package dev.termpress.generator.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks from the top-level descriptors (through nested image indexes) to the {@code linux/riscv64}
 * manifest, verifying every index, manifest and config blob it reads.
 */
final class ImageResolver {

    /** Indexes nested deeper than this are refused as a probable cycle. */
    private static final int MAX_INDEX_DEPTH = 8;

    private final ImageSource source;

    ImageResolver(ImageSource source) {
        this.source = source;
    }

    /** An index entry that is a manifest, and the top-level entry it was reached from. */
    private record Candidate(Descriptor manifest, Descriptor root) {}

    ResolvedImage resolve(String reference) throws ImageException, IOException {
        List<Descriptor> roots = select(source.roots(), reference);
        List<Candidate> candidates = new ArrayList<>();
        for (Descriptor root : roots) {
            collect(root, root, 0, candidates);
        }
        Set<String> platforms = new LinkedHashSet<>();
        for (Candidate candidate : candidates) {
            Platform declared = candidate.manifest().platform();
            if (declared != null && !declared.isLinuxRiscv64()) {
                platforms.add(declared.toString());
                continue;
            }
            ResolvedImage image = load(candidate);
            Platform actual = image.config().platform();
            if (actual.isLinuxRiscv64()) {
                return image;
            }
            if (declared != null) {
                throw new ImageException(source.locate(image.manifest().config().digest())
                        + ": config says " + actual + " but the index entry for manifest "
                        + candidate.manifest().digest() + " says " + declared
                        + "; an image's config architecture must be riscv64");
            }
            platforms.add(actual.toString());
        }
        throw new ImageException(source.describe() + ": no " + Platform.LINUX_RISCV64 + " image"
                + (reference == null ? "" : " named \"" + reference + "\"") + "; it has "
                + (platforms.isEmpty() ? "no images" : String.join(", ", platforms))
                + ". termpress runs only linux/riscv64 images (for example: skopeo copy --override-arch riscv64 "
                + "docker://IMAGE oci:DIR:TAG)");
    }

    /** The top-level entries that {@code reference} names; all of them when it is null. */
    private List<Descriptor> select(List<Descriptor> roots, String reference) throws ImageException {
        if (reference == null) {
            return roots;
        }
        List<Descriptor> matching = new ArrayList<>();
        Set<String> available = new LinkedHashSet<>();
        for (Descriptor root : roots) {
            available.addAll(root.refNames());
            if (References.mostSpecific(root.refNames()).stream().anyMatch(name -> References.matches(name, reference))) {
                matching.add(root);
            }
        }
        if (matching.isEmpty()) {
            throw new ImageException(source.describe() + ": no image named \"" + reference + "\"; "
                    + (available.isEmpty() ? "its entries carry no names (leave the reference out)"
                            : "it has " + String.join(", ", available)));
        }
        return matching;
    }

    private void collect(Descriptor descriptor, Descriptor root, int depth, List<Candidate> out)
            throws ImageException, IOException {
        String where = source.locate(descriptor.digest());
        if (MediaTypes.isManifest(descriptor.mediaType())) {
            out.add(new Candidate(descriptor, root));
        } else if (MediaTypes.isIndex(descriptor.mediaType())) {
            if (depth >= MAX_INDEX_DEPTH) {
                throw new ImageException(where + ": image indexes nested more than " + MAX_INDEX_DEPTH
                        + " deep; an index must not (even indirectly) contain itself");
            }
            JsonNode index = Json.parseObject(SmallBlobs.read(source, descriptor), where);
            List<JsonNode> manifests = Json.array(index, "manifests", where);
            for (int i = 0; i < manifests.size(); i++) {
                collect(DescriptorJson.parse(manifests.get(i), where + " manifests[" + i + "]"), root, depth + 1, out);
            }
        } else {
            throw new ImageException(where + ": unsupported media type " + descriptor.mediaType()
                    + "; an index entry must be an image manifest " + MediaTypes.MANIFESTS
                    + " or an image index " + MediaTypes.INDEXES);
        }
    }

    private ResolvedImage load(Candidate candidate) throws ImageException, IOException {
        Descriptor descriptor = candidate.manifest();
        String where = source.locate(descriptor.digest());
        byte[] manifestBytes = SmallBlobs.read(source, descriptor);
        Manifest manifest = Manifest.parse(manifestBytes, descriptor.mediaType(), where);
        byte[] configBytes = SmallBlobs.read(source, manifest.config());
        ImageConfig config = ImageConfig.parse(configBytes, source.locate(manifest.config().digest()));
        List<String> names = candidate.root().refNames();
        return new ResolvedImage(names.isEmpty() ? null : names.get(0), descriptor, manifestBytes, manifest,
                configBytes, config);
    }
}
