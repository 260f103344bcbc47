package dev.termpress.generator.registry;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How a build gets registry images.
 *
 * @param mode whether the lock file is followed, refreshed, or followed without any network
 * @param cache where pulled blobs are kept
 * @param credentials registry logins
 * @param proxies where requests go
 * @param insecureHosts registries (host:port) allowed over plain HTTP beside loopback ones
 * @param firstBackoff the wait before the first retry of a failed request
 * @param notices where messages for the author go (a tag that moved, a lock file written)
 * @param updateNames in UPDATE mode, the images to resolve again (the others keep their pins); empty: all
 */
public record PullSettings(Mode mode, BlobCache cache, Credentials credentials, ProxySelector proxies,
        Set<String> insecureHosts, Duration firstBackoff, Consumer<String> notices, Set<String> updateNames) {

    /** What the lock file means to this build. */
    public enum Mode {
        /** Use the pinned digests; resolve (and pin) only images the lock file does not cover yet. */
        PINNED,
        /** Resolve the tags again and report the ones that moved ({@code --update-images}, {@code termpress update}). */
        UPDATE,
        /** No network: the lock file and the blob cache must hold everything ({@code --offline}). */
        OFFLINE
    }

    public PullSettings {
        insecureHosts = Set.copyOf(insecureHosts);
        updateNames = Set.copyOf(updateNames);
    }

    /** Settings without a choice of images to update: in UPDATE mode, every image is resolved again. */
    public PullSettings(Mode mode, BlobCache cache, Credentials credentials, ProxySelector proxies,
            Set<String> insecureHosts, Duration firstBackoff, Consumer<String> notices) {
        this(mode, cache, credentials, proxies, insecureHosts, firstBackoff, notices, Set.of());
    }

    /** Settings from the process environment: XDG_CACHE_HOME, credentials, proxies; notices to stderr. */
    public static PullSettings fromEnvironment(Mode mode) {
        return fromEnvironment(mode, System.getenv(), System.err::println);
    }

    /** Settings from {@code env}. */
    public static PullSettings fromEnvironment(Mode mode, Map<String, String> env, Consumer<String> notices) {
        return new PullSettings(mode, BlobCache.fromEnvironment(env), Credentials.fromEnvironment(env),
                new EnvironmentProxies(env), Set.of(), Duration.ofSeconds(1), notices);
    }

    /** The same settings in another mode. */
    public PullSettings withMode(Mode newMode) {
        return new PullSettings(newMode, cache, credentials, proxies, insecureHosts, firstBackoff, notices, updateNames);
    }

    /** UPDATE mode for just {@code names} (empty: every image). */
    public PullSettings updating(Set<String> names) {
        return new PullSettings(Mode.UPDATE, cache, credentials, proxies, insecureHosts, firstBackoff, notices, names);
    }

    /**
     * The settings for building the same site again in this process (serve's rebuilds, check's second
     * pass): an update already ran and wrote its pins, so later builds follow them instead of asking
     * the registries once more.
     */
    public PullSettings forRebuild() {
        return mode == Mode.UPDATE ? withMode(Mode.PINNED) : this;
    }

    /** Whether this build resolves {@code imageName}'s tag again instead of following its pin. */
    public boolean refreshes(String imageName) {
        return mode == Mode.UPDATE && (updateNames.isEmpty() || updateNames.contains(imageName));
    }
}
