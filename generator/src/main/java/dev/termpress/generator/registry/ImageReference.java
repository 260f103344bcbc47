package dev.termpress.generator.registry;

import java.util.regex.Pattern;

/**
 * A registry image reference, normalised as the docker CLI does it: {@code alpine} is
 * {@code docker.io/library/alpine:latest}, {@code user/app} is {@code docker.io/user/app:latest},
 * and a first component with a dot or a colon, or {@code localhost}, is a registry host.
 *
 * @param registry the registry host, with its port when it has one ({@code docker.io}, {@code localhost:5000})
 * @param repository the repository path ({@code library/alpine})
 * @param tag the tag, or {@code null} when only a digest was given
 * @param digest {@code sha256:<hex>}, or {@code null}
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    /** The docker CLI's default registry (its documented normalisation), and the legacy name it rewrites. */
    public static final String DOCKER_HUB = "docker.io";
    private static final String DOCKER_HUB_LEGACY = "index.docker.io";
    /** Where docker.io's API actually lives (distribution's documented default endpoint). */
    static final String DOCKER_HUB_API = "registry-1.docker.io";
    static final String DEFAULT_TAG = "latest";
    private static final int MAX_NAME_LENGTH = 255;

    // The grammar of distribution's reference package (reference.go), written out again here.
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final String LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern HOST = Pattern.compile(
            "(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9a-fA-F:.]+])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    /**
     * Parses and normalises {@code text}.
     *
     * @throws IllegalArgumentException with a message that says what would be valid
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty image reference; expected for example alpine:3.21 or "
                    + "registry.example:5000/team/app@sha256:<64 hex digits>");
        }
        String rest = text.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("\"" + text + "\": digest \"" + digest
                        + "\" is not sha256:<64 lowercase hex digits>");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("\"" + text + "\": tag \"" + tag
                        + "\" must be 1 to 128 letters, digits, _ . - and not start with . or -");
            }
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("\"" + text + "\": no repository name");
        }
        if (rest.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("\"" + text + "\": repository name longer than " + MAX_NAME_LENGTH);
        }
        String registry;
        String repository;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (slash < 0 || !looksLikeHost(first)) {
            registry = DOCKER_HUB;
            repository = rest;
        } else {
            registry = first;
            repository = rest.substring(slash + 1);
            if (!HOST.matcher(registry).matches()) {
                throw new IllegalArgumentException("\"" + text + "\": \"" + registry + "\" is not a valid registry host");
            }
        }
        if (registry.equals(DOCKER_HUB_LEGACY)) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
            repository = "library/" + repository;
        }
        if (!repository.equals(repository.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("\"" + text + "\": repository name must be lowercase");
        }
        if (!PATH.matcher(repository).matches()) {
            throw new IllegalArgumentException("\"" + text + "\": \"" + repository + "\" is not a valid repository"
                    + " name (lowercase letters and digits, separated by . _ __ - or /)");
        }
        if (registry.equals(DOCKER_HUB) && HEX64.matcher(rest).matches()) {
            throw new IllegalArgumentException("\"" + text + "\": a bare 64-digit hex string is an image ID,"
                    + " not a reference; write NAME@sha256:" + rest);
        }
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** The docker CLI's rule: a first component is a host when it has a dot or a colon, is localhost or has capitals. */
    private static boolean looksLikeHost(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
    }

    /** The same image pinned to {@code manifestDigest} (the tag is kept, for messages). */
    public ImageReference pinned(String manifestDigest) {
        return new ImageReference(registry, repository, tag, manifestDigest);
    }

    /** The host the HTTP API is on: docker.io's API has its own name; other registries serve it themselves. */
    String apiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
    }

    /** The registry host without its port (for the plain-HTTP rules). */
    String hostName() {
        if (registry.startsWith("[")) {
            return registry.substring(1, registry.indexOf(']'));
        }
        int colon = registry.lastIndexOf(':');
        return colon < 0 ? registry : registry.substring(0, colon);
    }

    /** What to ask the registry for: the digest when there is one, else the tag. */
    String manifestReference() {
        return digest != null ? digest : tag;
    }

    /** {@code registry/repository[:tag][@digest]}, the fully qualified form. */
    @Override
    public String toString() {
        return registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** {@code registry/repository:tag} without the digest: what a lock file entry is keyed by. */
    public String withoutDigest() {
        return registry + "/" + repository + (tag == null ? "" : ":" + tag);
    }
}
