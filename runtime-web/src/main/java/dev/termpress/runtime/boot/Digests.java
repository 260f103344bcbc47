package dev.termpress.runtime.boot;

/** Blob digests as the image descriptor writes them: {@code sha256:} and 64 lowercase hex digits. */
public final class Digests {

    private static final String PREFIX = "sha256:";
    private static final int HEX_DIGITS = 64;

    private Digests() {
    }

    /** Whether {@code digest} is a well-formed sha256 digest. */
    public static boolean valid(String digest) {
        if (digest == null || !digest.startsWith(PREFIX) || digest.length() != PREFIX.length() + HEX_DIGITS) {
            return false;
        }
        for (int i = PREFIX.length(); i < digest.length(); i++) {
            char c = digest.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The hex part of a digest. */
    public static String hex(String digest) {
        if (!valid(digest)) {
            throw new IllegalArgumentException("'" + digest + "' is not a digest (valid: sha256: and 64 lowercase hex digits)");
        }
        return digest.substring(PREFIX.length());
    }
}
