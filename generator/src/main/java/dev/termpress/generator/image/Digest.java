package dev.termpress.generator.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, always {@code sha256} here (image-spec descriptor.md, "Digests").
 *
 * @param hex 64 lowercase hexadecimal digits
 */
record Digest(String hex) {

    static final String SHA256 = "sha256";
    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");

    Digest {
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a sha256 hex digest: " + hex);
        }
    }

    /** Parses {@code sha256:<hex>}; {@code where} names the file for the error message. */
    static Digest parse(String value, String where) throws ImageException {
        int colon = value.indexOf(':');
        String algorithm = colon < 0 ? "" : value.substring(0, colon);
        String hex = colon < 0 ? "" : value.substring(colon + 1);
        if (!algorithm.equals(SHA256)) {
            throw new ImageException(where + ": digest \"" + value + "\" is not supported; expected sha256:<64 hex digits>");
        }
        if (!HEX.matcher(hex).matches()) {
            throw new ImageException(where + ": digest \"" + value + "\" is malformed; expected sha256:<64 lowercase hex digits>");
        }
        return new Digest(hex);
    }

    /** Digest of a finished sha256 computation. */
    static Digest of(byte[] sha256) {
        return new Digest(HexFormat.of().formatHex(sha256));
    }

    /** A fresh SHA-256 computation. */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static boolean isHex(String candidate) {
        return HEX.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return SHA256 + ":" + hex;
    }
}
