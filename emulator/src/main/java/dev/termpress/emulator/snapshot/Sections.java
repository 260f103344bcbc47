package dev.termpress.emulator.snapshot;

/** Small adapters for building a machine's list of sections. */
public final class Sections {

    private Sections() {
    }

    /** {@code inner}'s state under another section name (a device type plus the slot it sits in). */
    public static Snapshottable renamed(String name, Snapshottable inner) {
        return new Snapshottable() {
            @Override
            public String stateName() {
                return name;
            }

            @Override
            public int stateVersion() {
                return inner.stateVersion();
            }

            @Override
            public int minimumStateVersion() {
                return inner.minimumStateVersion();
            }

            @Override
            public void saveState(StateWriter out) throws SnapshotException {
                inner.saveState(out);
            }

            @Override
            public void restoreState(StateReader in, int version) throws SnapshotException {
                inner.restoreState(in, version);
            }
        };
    }

    /** A component that has state but no way to save it: saving (or restoring) the machine fails, naming it. */
    public static Snapshottable unsaveable(String name) {
        return new Snapshottable() {
            @Override
            public String stateName() {
                return name;
            }

            @Override
            public int stateVersion() {
                return 0;
            }

            @Override
            public void saveState(StateWriter out) throws SnapshotException {
                throw new SnapshotException(name + " cannot be saved in a snapshot");
            }

            @Override
            public void restoreState(StateReader in, int version) throws SnapshotException {
                throw new SnapshotException(name + " cannot be restored from a snapshot");
            }
        };
    }
}
