package dev.termpress.emulator.snapshot;

import java.nio.charset.StandardCharsets;

/**
 * A reader's work, kept between visits: what the guest changed in its writable layer, saved on top of
 * one boot snapshot and valid only with that snapshot. The browser stores it (IndexedDB) and hands it
 * back before the next resume, so the files come back while the machine starts fresh from the snapshot.
 *
 * <p>Why it is tied to the snapshot: the changes are recorded by inode id, and ids follow from the layers
 * and the boot that made the snapshot. Applied on top of any other start (a cold boot, a rebuilt image)
 * the ids would mean other files, so {@link #unwrap} refuses it and the caller starts pristine.
 *
 * <p>Layout: the magic {@code TPWORK\r\n}, the format version, the base (the snapshot's sha256), the
 * files ({@code p9.NinePServer.saveFiles}) as a length-prefixed byte string, and a CRC-32 of all before it.
 */
public final class SavedWork {

    public static final String MAGIC = "TPWORK\r\n";
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_BYTES = 4;

    private SavedWork() {
    }

    /** Saved work of {@code files} made on top of the snapshot named {@code base}. */
    public static byte[] wrap(String base, byte[] files) {
        StateWriter out = new StateWriter();
        out.raw(MAGIC_BYTES, 0, MAGIC_BYTES.length);
        out.i32(FORMAT_VERSION).string(base).bytes(files);
        out.i32(Crc32.of(out.buffer(), 0, out.length()));
        return out.toByteArray();
    }

    /**
     * The files of {@code saved}, checked.
     *
     * @param base the snapshot the caller is about to resume from
     * @throws SnapshotException saying why it cannot be used: damaged, truncated, another format, or saved on
     *     top of another snapshot
     */
    public static byte[] unwrap(byte[] saved, String base) throws SnapshotException {
        int header = MAGIC_BYTES.length + 4;
        if (saved.length < header + CHECKSUM_BYTES) {
            throw new SnapshotException("saved work is truncated: " + saved.length + " bytes");
        }
        for (int i = 0; i < MAGIC_BYTES.length; i++) {
            if (saved[i] != MAGIC_BYTES[i]) {
                throw new SnapshotException("not saved work: the data does not start with TPWORK");
            }
        }
        int body = saved.length - CHECKSUM_BYTES;
        int stored = new StateReader(saved, body, CHECKSUM_BYTES, "saved work checksum").i32();
        if (stored != Crc32.of(saved, 0, body)) {
            throw new SnapshotException("saved work is damaged or truncated (CRC-32 mismatch)");
        }
        StateReader in = new StateReader(saved, MAGIC_BYTES.length, body - MAGIC_BYTES.length, "saved work");
        int format = in.i32();
        if (format != FORMAT_VERSION) {
            throw new SnapshotException("saved work format version " + format + "; this emulator reads "
                    + FORMAT_VERSION);
        }
        String savedBase = in.string();
        if (!savedBase.equals(base)) {
            throw new SnapshotException("the work was saved on top of boot snapshot " + savedBase
                    + ", and this machine starts from " + base);
        }
        byte[] files = in.bytes();
        if (in.remaining() != 0) {
            throw in.damaged(in.remaining() + " bytes left over");
        }
        return files;
    }
}
