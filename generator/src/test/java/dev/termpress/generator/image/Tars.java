package dev.termpress.generator.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tar and gzip bytes for fixtures, including deliberately hostile entry names. */
final class Tars {

    /** One tar entry: a file, a directory, a symlink or a hard link. */
    record Item(String name, byte[] content, byte type, String link) {

        static Item file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        static Item file(String name, byte[] content) {
            return new Item(name, content, TarConstants.LF_NORMAL, null);
        }

        static Item dir(String name) {
            return new Item(name, new byte[0], TarConstants.LF_DIR, null);
        }

        static Item symlink(String name, String target) {
            return new Item(name, new byte[0], TarConstants.LF_SYMLINK, target);
        }

        static Item hardLink(String name, String target) {
            return new Item(name, new byte[0], TarConstants.LF_LINK, target);
        }
    }

    private Tars() {}

    static byte[] tar(List<Item> items) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item item : items) {
                // preserveAbsolutePath keeps hostile names as written, so tests can feed them in.
                TarArchiveEntry entry = new TarArchiveEntry(item.name(), item.type(), true);
                entry.setModTime(0);
                if (item.link() != null) {
                    entry.setLinkName(item.link());
                }
                entry.setSize(item.type() == TarConstants.LF_NORMAL ? item.content().length : 0);
                tar.putArchiveEntry(entry);
                if (item.type() == TarConstants.LF_NORMAL) {
                    tar.write(item.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] tar(Item... items) {
        return tar(List.of(items));
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        return Digest.of(Digest.newSha256().digest(bytes)).toString();
    }

    static String hex(byte[] bytes) {
        return Digest.of(Digest.newSha256().digest(bytes)).hex();
    }
}
