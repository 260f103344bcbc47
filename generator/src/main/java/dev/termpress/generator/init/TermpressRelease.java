package dev.termpress.generator.init;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The termpress that a new site's Pages workflow pins: this running program's version and the
 * sha256 of its {@code termpress.jar}, so the workflow installs exactly the build that made the
 * site and refuses any other.
 *
 * @param version the release version, e.g. {@code 0.1.0}
 * @param jarSha256 hex sha256 of {@code lib/termpress.jar}, or {@code null} when running from classes
 */
public record TermpressRelease(String version, String jarSha256) {

    /** Whether CI can download this release: a versioned jar, not a snapshot or a class folder. */
    public boolean downloadable() {
        return jarSha256 != null && !version.endsWith("-SNAPSHOT");
    }

    /** The running program: its manifest version and its own jar. */
    public static TermpressRelease current() {
        String version = TermpressRelease.class.getPackage().getImplementationVersion();
        return new TermpressRelease(version == null ? "development" : version, runningJarSha256());
    }

    private static String runningJarSha256() {
        try {
            CodeSource source = TermpressRelease.class.getProtectionDomain().getCodeSource();
            Path origin = source == null ? null : Path.of(source.getLocation().toURI());
            if (origin == null || !Files.isRegularFile(origin)) {
                return null;
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(origin)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
            return null;
        }
    }
}
