package dev.termpress.generator.markdown;

import dev.termpress.emulator.guest.GuestFile;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file a page puts into its demo blocks' containers: the body of a {@code file} block, or one file of a demo
 * block's {@code files=DIR}. Published as a blob named by its sha256 beside the image blobs.
 *
 * @param path the absolute guest path
 * @param content the bytes
 * @param permissions {@code 0644}, or {@code 0755} for an executable file
 * @param file the Markdown file that names it, for errors
 * @param line the 1-based line that names it (the file block's fence, the demo block's fence)
 * @param sha256 the content's sha256 in lowercase hex
 */
public record PageFile(String path, byte[] content, int permissions, Path file, int line, String sha256) {

    public PageFile(String path, byte[] content, int permissions, Path file, int line) {
        this(path, content, permissions, file, line, sha256(content));
    }

    /** The file as the emulator installs it. */
    public GuestFile guestFile() {
        return new GuestFile(path, content, permissions);
    }

    /** The blob's path below the output root. */
    public String blobPath() {
        return BLOB_DIR + sha256;
    }

    /** Where page files and image blobs are published, below the output root. */
    public static final String BLOB_DIR = "images/blobs/sha256/";

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
