package dev.termpress.generator.config;

import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.image.RemoteImage;
import dev.termpress.generator.registry.ImageReference;
import dev.termpress.generator.yaml.YamlNode.Entry;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Tells a registry reference from a local path in an image entry, and checks its platform. */
final class ImageEntries {

    private static final Pattern PLATFORM = Pattern.compile("linux/riscv64(/[a-z0-9][a-z0-9._-]*)?");

    private ImageEntries() {}

    /**
     * A scalar entry names a registry image when no such file exists and it has a tag, a digest or a
     * registry host ({@code alpine:3.21}, {@code ghcr.io/team/app}); {@code images/busybox} stays a path,
     * so a mistyped path is reported as a missing file rather than pulled from Docker Hub.
     */
    static boolean isRegistryReference(String text, Path siteDir) {
        try {
            if (Files.exists(siteDir.resolve(text))) {
                return false;
            }
        } catch (InvalidPathException e) {
            // Not a path on this system: it can only be a reference.
        }
        if (text.startsWith("/") || text.startsWith("./") || text.startsWith("../") || text.endsWith(".tar")) {
            return false;
        }
        int slash = text.indexOf('/');
        String first = slash < 0 ? "" : text.substring(0, slash);
        String last = text.substring(slash + 1);
        return last.contains(":") || last.contains("@") || first.contains(".") || first.contains(":")
                || first.equals("localhost");
    }

    /** The checked reference and platform, or {@code null} after reporting what is wrong. */
    static RemoteImage remote(String reference, String platform, Entry image, Path file, ErrorCollector errors) {
        try {
            ImageReference.parse(reference);
        } catch (IllegalArgumentException e) {
            errors.add(file, image.keyLine(), "image '" + image.key() + "': " + e.getMessage());
            return null;
        }
        if (!PLATFORM.matcher(platform).matches()) {
            errors.add(file, image.keyLine(), "image '" + image.key() + "': platform '" + platform
                    + "' cannot run here; termpress runs linux/riscv64 (optionally linux/riscv64/VARIANT)");
            return null;
        }
        return new RemoteImage(reference.strip(), platform);
    }
}
