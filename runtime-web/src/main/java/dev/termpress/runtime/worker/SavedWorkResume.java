package dev.termpress.runtime.worker;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.snapshot.SavedWork;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.SnapshotIdentity;

/**
 * Resumes a boot snapshot with the reader's saved work (docs/snapshot-format.md, "Saved work"): their files in
 * place of the snapshot's own. Work that cannot be used (damaged, saved on another snapshot, files that do not
 * fit) is not fatal: the machine resumes pristine and the outcome says why, for the reader's one line.
 */
final class SavedWorkResume {

    /** Builds another machine like the first (a failed restore leaves a machine unusable). */
    interface FreshMachine {
        Session build() throws ImageFormatException;
    }

    /**
     * How the resume went.
     *
     * @param session the resumed machine (the first, or a fresh one when the first failed with the files)
     * @param restored whether the reader's files are in it
     * @param problem why the saved work was not used, or null (restored, or there was none)
     */
    record Outcome(Session session, boolean restored, String problem) {}

    private SavedWorkResume() {}

    /**
     * Resumes {@code first} from {@code snapshot}, with the files of {@code saved} (null: none) if they were
     * saved on top of the snapshot {@code base} (its sha256 hex) and fit it.
     *
     * @throws SnapshotException if the snapshot itself cannot be restored (the caller boots cold)
     */
    static Outcome resume(Session first, FreshMachine fresh, byte[] snapshot, SnapshotIdentity identity,
            byte[] saved, String base) throws SnapshotException, ImageFormatException {
        if (saved == null) {
            first.resumeFrom(snapshot, identity);
            return new Outcome(first, false, null);
        }
        byte[] files;
        try {
            files = SavedWork.unwrap(saved, base);
        } catch (SnapshotException e) {
            first.resumeFrom(snapshot, identity); // nothing was applied: the first machine is still fresh
            return new Outcome(first, false, e.getMessage());
        }
        first.restoreFilesOnResume(files);
        try {
            first.resumeFrom(snapshot, identity);
            return new Outcome(first, true, null);
        } catch (SnapshotException e) {
            Session other = fresh.build();
            other.resumeFrom(snapshot, identity); // throws if the snapshot itself is the problem
            return new Outcome(other, false, e.getMessage());
        }
    }

    /** The reader's line when their saved work could not be used. */
    static String notice(String problem) {
        return "termpress: your saved files could not be restored (" + problem + "); starting from the pristine image";
    }
}
