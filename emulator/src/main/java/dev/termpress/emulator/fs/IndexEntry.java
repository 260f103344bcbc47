package dev.termpress.emulator.fs;

/**
 * One entry of a layer: its normalised path (no leading {@code /} or {@code ./}, no {@code .} or
 * {@code ..} components), metadata, and where its content lies in the layer's uncompressed tar stream.
 *
 * @param path relative path inside the image, for example {@code etc/passwd}
 * @param kind what the entry creates
 * @param permissions permission, setuid, setgid and sticky bits ({@code 07777})
 * @param mtimeSeconds modification time, seconds since the epoch
 * @param mtimeNanos sub-second part of the modification time (pax headers only)
 * @param size content length in bytes (regular files only, otherwise 0)
 * @param dataOffset offset of the content in the uncompressed tar stream (regular files only, otherwise 0)
 * @param linkTarget symlink target as stored, or the normalised path of a hard link's target; empty otherwise
 */
public record IndexEntry(String path, EntryKind kind, int permissions, int uid, int gid, long mtimeSeconds,
        int mtimeNanos, long size, long dataOffset, String linkTarget, int deviceMajor, int deviceMinor) {
}
