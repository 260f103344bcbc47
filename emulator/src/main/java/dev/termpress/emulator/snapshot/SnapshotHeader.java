package dev.termpress.emulator.snapshot;

import java.util.List;

/**
 * What a snapshot's header says, read and checked by {@link MachineSnapshot#header}.
 *
 * @param formatVersion the container format's version ({@link MachineSnapshot#FORMAT_VERSION})
 * @param emulatorVersion the emulator's machine version ({@link MachineSnapshot#EMULATOR_VERSION})
 * @param ramBytes guest RAM size
 * @param layout the section names in order: the machine's device layout
 * @param identity the kernel and image it was made from
 * @param sections every section's name, version and payload size
 */
public record SnapshotHeader(int formatVersion, int emulatorVersion, long ramBytes, List<String> layout,
        SnapshotIdentity identity, List<Section> sections) {

    /** One section: its name, its version and its payload's size in bytes. */
    public record Section(String name, int version, int bytes) {
    }
}
