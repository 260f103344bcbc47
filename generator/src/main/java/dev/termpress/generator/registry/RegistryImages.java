package dev.termpress.generator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termpress.generator.config.SiteConfig;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.image.ImageException;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.image.RemoteImage;
import dev.termpress.generator.registry.LockFile.Pin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The registry images of a site, pulled: each reference pinned to a manifest digest by
 * {@code termpress.lock}, its blobs in the {@link BlobCache}, and the image turned into an OCI layout
 * in the cache that the rest of the build reads like a local source. Nothing is written (not the lock
 * file, not a blob) unless it verified; the lock file only when every image resolved.
 */
public final class RegistryImages {

    /** Blobs at least this big report download progress. */
    static final long PROGRESS_THRESHOLD = 1 << 20;
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PullSettings settings;
    private final Consumer<String> status;
    private RegistryClient client;
    /** The settings' insecure hosts and the site's {@code insecure_registries}. */
    private Set<String> insecureHosts = Set.of();

    /**
     * @param status receives short progress lines ("pulling alpine: layer 1/2, 3.1 of 9.0 MB, 2.0 MB/s")
     */
    public RegistryImages(PullSettings settings, Consumer<String> status) {
        this.settings = settings;
        this.status = status;
    }

    /**
     * Returns {@code config} with every registry image pulled (its source the cached layout), after
     * writing {@code siteDir/termpress.lock} when a pin changed.
     *
     * @throws BuildException one {@code termpress.yaml:LINE: image "NAME": ...} line per image that failed
     */
    public SiteConfig resolve(SiteConfig config, Path siteDir) throws BuildException {
        Path lockPath = siteDir.resolve(LockFile.FILE_NAME);
        boolean any = config.images().stream().anyMatch(i -> i.remote() != null);
        if (!any && !Files.exists(lockPath)) {
            return config;
        }
        insecureHosts = new java.util.HashSet<>(settings.insecureHosts());
        insecureHosts.addAll(config.insecureRegistries());
        Map<String, Pin> locked = LockFile.read(lockPath);
        Map<String, Pin> pins = new TreeMap<>();
        List<ImageSpec> images = new ArrayList<>();
        ErrorCollector errors = new ErrorCollector();
        for (ImageSpec spec : config.images()) {
            if (spec.remote() == null) {
                images.add(spec);
                continue;
            }
            try {
                Pulled pulled = pull(spec, locked.get(spec.name()));
                pins.put(spec.name(), pulled.pin());
                images.add(spec.pulledTo(pulled.layout()));
            } catch (ImageException e) {
                errors.add(spec.declaredIn(), spec.line(), "image \"" + spec.name() + "\": " + e.getMessage());
            }
        }
        errors.throwIfAny();
        if (LockFile.write(lockPath, pins) && !pins.equals(locked)) {
            settings.notices().accept("wrote " + LockFile.FILE_NAME + " (" + pins.size() + " image"
                    + (pins.size() == 1 ? "" : "s") + " pinned); commit it so every build publishes the same images");
        }
        return config.withImages(images);
    }

    private record Pulled(Pin pin, Path layout) {}

    private Pulled pull(ImageSpec spec, Pin old) throws ImageException {
        RemoteImage remote = spec.remote();
        ImageReference ref;
        try {
            ref = ImageReference.parse(remote.reference());
        } catch (IllegalArgumentException e) {
            throw new ImageException(e.getMessage(), e);
        }
        boolean matches = old != null && old.reference().equals(ref.toString()) && old.platform().equals(remote.platform());
        BlobCache cache = settings.cache();
        String digest;
        byte[] manifest;
        String mediaType = null;
        if (matches && !settings.refreshes(spec.name())) {
            digest = old.digest();
            manifest = cache.readSmall(digest, -1);
            if (manifest == null) {
                if (settings.mode() == PullSettings.Mode.OFFLINE) {
                    throw new ImageException("offline, and manifest " + digest + " (" + ref + ", pinned in "
                            + LockFile.FILE_NAME + ") is not in the blob cache " + cache.root()
                            + "; build once without --offline to fetch it");
                }
                manifest = pinnedManifest(ref, digest);
            }
        } else {
            if (settings.mode() == PullSettings.Mode.OFFLINE) {
                throw new ImageException("offline, and " + LockFile.FILE_NAME + " does not pin " + ref + " ("
                        + remote.platform() + ")" + (old == null ? "" : "; it pins " + old.reference() + " ("
                        + old.platform() + ")") + "; build once without --offline to resolve it");
            }
            RegistryClient.FetchedManifest fetched = client().manifestFor(ref, remote.platform());
            digest = fetched.digest();
            manifest = fetched.bytes();
            mediaType = fetched.mediaType();
            cache.put(digest, manifest);
            if (matches && !old.digest().equals(digest)) {
                settings.notices().accept("image \"" + spec.name() + "\": " + ref + " moved from " + old.digest()
                        + " to " + digest);
            } else if (matches) {
                settings.notices().accept("image \"" + spec.name() + "\": " + ref + " is still " + digest);
            }
        }
        JsonNode node = parseManifest(manifest, ref, digest);
        if (mediaType == null || RegistryClient.INDEX_TYPES.contains(mediaType)) {
            mediaType = node.path("mediaType").asText("application/vnd.oci.image.manifest.v1+json");
        }
        List<Blob> blobs = blobs(node, ref, digest);
        fetchMissing(spec, ref, blobs);
        checkPlatform(ref, cache.readSmall(blobs.get(0).digest(), blobs.get(0).size()), remote.platform());
        Path layout;
        try (CacheLock lock = cache.lock(digest)) {
            layout = CachedLayout.ensure(cache, digest, mediaType, manifest.length,
                    blobs.stream().map(Blob::digest).toList());
        }
        return new Pulled(new Pin(ref.toString(), remote.platform(), digest), layout);
    }

    /** A pinned manifest fetched by digest; a registry that no longer has it gets a message about the lock file. */
    private byte[] pinnedManifest(ImageReference ref, String digest) throws ImageException {
        RegistryClient.FetchedManifest fetched;
        try {
            fetched = client().manifest(ref.pinned(digest), digest);
        } catch (ImageException e) {
            if (e.getMessage() != null && e.getMessage().contains("HTTP 404")) {
                throw new ImageException(ref + ": " + LockFile.FILE_NAME + " pins manifest " + digest
                        + ", which the registry no longer has; `termpress build --update-images` resolves the tag again",
                        e);
            }
            throw e;
        }
        if (RegistryClient.INDEX_TYPES.contains(fetched.mediaType())) {
            throw new ImageException(ref + ": " + LockFile.FILE_NAME + " pins " + digest
                    + ", which is an image index, not a manifest; `termpress build --update-images` resolves it again");
        }
        settings.cache().put(digest, fetched.bytes());
        return fetched.bytes();
    }

    /** A blob a manifest names: the config first, then the layers bottom first. */
    private record Blob(String what, String digest, long size) {}

    private static JsonNode parseManifest(byte[] bytes, ImageReference ref, String digest) throws ImageException {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject() || !node.path("config").isObject() || !node.path("layers").isArray()) {
                throw new ImageException(ref + ": manifest " + digest + " has no config and layers; is it an image manifest?");
            }
            return node;
        } catch (IOException e) {
            throw new ImageException(ref + ": manifest " + digest + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static List<Blob> blobs(JsonNode manifest, ImageReference ref, String manifestDigest) throws ImageException {
        List<Blob> blobs = new ArrayList<>();
        blobs.add(blob(manifest.get("config"), "config", ref, manifestDigest));
        int i = 0;
        for (JsonNode layer : manifest.get("layers")) {
            blobs.add(blob(layer, "layer " + (++i) + "/" + manifest.get("layers").size(), ref, manifestDigest));
        }
        return blobs;
    }

    private static Blob blob(JsonNode node, String what, ImageReference ref, String manifestDigest) throws ImageException {
        String digest = node.path("digest").asText("");
        long size = node.path("size").asLong(-1);
        if (!DIGEST.matcher(digest).matches() || size < 0) {
            throw new ImageException(ref + ": manifest " + manifestDigest + ": the " + what + " needs a sha256 digest"
                    + " and a size, got digest \"" + digest + "\"");
        }
        return new Blob(what, digest, size);
    }

    private void fetchMissing(ImageSpec spec, ImageReference ref, List<Blob> blobs) throws ImageException {
        BlobCache cache = settings.cache();
        List<Blob> missing = new ArrayList<>();
        for (Blob blob : blobs) {
            if (!cache.has(blob.digest(), blob.size())) {
                missing.add(blob);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (settings.mode() == PullSettings.Mode.OFFLINE) {
            List<String> names = missing.stream().map(b -> b.what() + " " + b.digest() + " (" + megabytes(b.size())
                    + " MB)").toList();
            throw new ImageException("offline, and the blob cache " + cache.root() + " lacks " + String.join(", ", names)
                    + " of " + ref + "; build once without --offline to fetch "
                    + (missing.size() == 1 ? "it" : "them"));
        }
        for (Blob blob : missing) {
            // Another build may be pulling the same blob into the same .part file: wait for it, then look again.
            try (CacheLock lock = cache.lock(blob.digest())) {
                if (cache.has(blob.digest(), blob.size())) {
                    continue;
                }
                RegistryClient.DownloadListener listener = blob.size() < PROGRESS_THRESHOLD
                        ? RegistryClient.DownloadListener.NONE : new RateMeter(spec.name(), blob.what(), status);
                client().blob(ref, blob.digest(), blob.size(), cache.path(blob.digest()), cache.partial(blob.digest()),
                        listener);
            }
        }
    }

    /** The config's os/architecture must be the platform (a manifest without an index says nothing else). */
    private static void checkPlatform(ImageReference ref, byte[] config, String platform) throws ImageException {
        try {
            JsonNode node = JSON.readTree(config);
            String os = node.path("os").asText("");
            String arch = node.path("architecture").asText("");
            if (!platform.startsWith(os + "/" + arch) || os.isEmpty()) {
                throw new ImageException(ref + ": the image is " + os + "/" + arch + ", not " + platform
                        + "; termpress runs only linux/riscv64 images");
            }
        } catch (IOException e) {
            throw new ImageException(ref + ": the image config is not JSON: " + e.getMessage(), e);
        }
    }

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private RegistryClient client() {
        if (client == null) {
            client = new RegistryClient(settings.credentials(), insecureHosts, settings.firstBackoff(),
                    settings.proxies());
        }
        return client;
    }
}
