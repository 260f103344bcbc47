package dev.termpress.emulator.snapshot;

import dev.termpress.emulator.Machine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves a whole {@link Machine} to bytes and resumes it in another one (docs/snapshot-format.md).
 * The bytes are plain (hosts compress them) and deterministic: the same machine state gives the same
 * bytes. Restoring checks everything before the first section is applied (magic, versions, checksum,
 * RAM size, device layout, kernel and image identity) and throws a {@link SnapshotException} naming
 * the mismatch; a failure inside a section leaves the target machine unusable, so hosts build a new
 * one for their cold boot.
 */
public final class MachineSnapshot {

    /** The first 8 bytes of every snapshot. */
    public static final String MAGIC = "TPSNAP\r\n";
    /** The container format: header, section table and checksum. */
    public static final int FORMAT_VERSION = 1;
    /**
     * The machine a snapshot needs besides its sections' fields: memory map, device tree, firmware
     * hand-over. Bump it when those change, so older snapshots fall back to a cold boot.
     */
    public static final int EMULATOR_VERSION = 1;

    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_BYTES = 4;
    private static final int MAX_SECTIONS = 256;

    private MachineSnapshot() {
    }

    /** The snapshot of {@code machine} (between two {@code run} calls), made from {@code identity}. */
    public static byte[] save(Machine machine, SnapshotIdentity identity) throws SnapshotException {
        return save(machine.stateComponents(), machine, identity);
    }

    /** A snapshot in two parts: everything with the hot RAM pages, and the other non-zero pages ({@link ColdPages}). */
    public record Split(byte[] first, byte[] cold) {
    }

    /**
     * The snapshot of {@code machine} split in two: the first part holds the machine and the RAM pages in
     * {@code hotPages} (what a resume uses before the prompt), the cold part every other non-zero page.
     * A host resumes from the first part alone and applies the cold part when it arrives.
     */
    public static Split saveSplit(Machine machine, SnapshotIdentity identity, int[] hotPages) throws SnapshotException {
        boolean[] hot = new boolean[(int) (machine.ram().size() >>> dev.termpress.emulator.bus.Ram.PAGE_SHIFT)];
        for (int page : hotPages) {
            hot[page] = true;
        }
        byte[] cold = ColdPages.encode(machine.ram(), hot);
        List<Snapshottable> parts = new ArrayList<>(machine.stateComponents());
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof RamPages) {
                parts.set(i, new RamPages(machine.ram(), hot, ColdPages.checksumOf(cold)));
            }
        }
        return new Split(save(parts, machine, identity), cold);
    }

    private static byte[] save(List<Snapshottable> parts, Machine machine, SnapshotIdentity identity)
            throws SnapshotException {
        StateWriter out = new StateWriter();
        out.raw(MAGIC_BYTES, 0, MAGIC_BYTES.length);
        out.i32(FORMAT_VERSION).i32(EMULATOR_VERSION).i64(machine.ram().size());
        out.string(identity.kernelSha256()).string(identity.imageDigest());
        out.i32(parts.size());
        for (Snapshottable part : parts) {
            out.string(part.stateName()).i32(part.savedVersion());
            int lengthAt = out.length();
            out.i32(0);
            part.saveState(out);
            out.patchI32(lengthAt, out.length() - lengthAt - 4);
        }
        out.i32(Crc32.of(out.buffer(), 0, out.length()));
        return out.toByteArray();
    }

    /** Reads and checks the header and section table of {@code snapshot}, without a machine. */
    public static SnapshotHeader header(byte[] snapshot) throws SnapshotException {
        return parse(snapshot).header;
    }

    /**
     * Puts the state saved in {@code snapshot} into {@code machine}: built with the same configuration
     * and devices as the saved one, over a pristine filesystem of the same image, and not booted.
     *
     * @param expected the kernel and image the caller is about to run; the snapshot must match them
     */
    public static void restore(Machine machine, byte[] snapshot, SnapshotIdentity expected) throws SnapshotException {
        Parsed parsed = parse(snapshot);
        SnapshotHeader header = parsed.header;
        matches("kernel sha256", header.identity().kernelSha256(), expected.kernelSha256());
        matches("image digest", header.identity().imageDigest(), expected.imageDigest());
        if (header.ramBytes() != machine.ram().size()) {
            throw new SnapshotException("the snapshot's machine had " + header.ramBytes() + " bytes of RAM, this one has "
                    + machine.ram().size());
        }
        List<Snapshottable> parts = machine.stateComponents();
        List<String> layout = new ArrayList<>();
        for (Snapshottable part : parts) {
            layout.add(part.stateName());
        }
        if (!layout.equals(header.layout())) {
            throw new SnapshotException("the snapshot's device layout " + header.layout() + " differs from this machine's "
                    + layout);
        }
        if (!machine.fresh()) {
            throw new SnapshotException("a snapshot restores only into a freshly built machine, not a booted one");
        }
        for (int i = 0; i < parts.size(); i++) {
            Snapshottable part = parts.get(i);
            SnapshotHeader.Section section = header.sections().get(i);
            if (section.version() < part.minimumStateVersion() || section.version() > part.stateVersion()) {
                throw new SnapshotException("section " + section.name() + " has version " + section.version()
                        + "; this emulator reads " + part.minimumStateVersion()
                        + (part.minimumStateVersion() == part.stateVersion() ? "" : " to " + part.stateVersion()));
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            SnapshotHeader.Section section = header.sections().get(i);
            StateReader in = new StateReader(snapshot, parsed.offsets[i], section.bytes(), "section " + section.name());
            parts.get(i).restoreState(in, section.version());
            if (in.remaining() != 0) {
                throw in.damaged(in.remaining() + " bytes left over");
            }
        }
    }

    private static void matches(String what, String saved, String expected) throws SnapshotException {
        if (!saved.equals(expected)) {
            throw new SnapshotException("the snapshot was made with " + what + " " + saved + ", this machine runs "
                    + expected);
        }
    }

    /** A checked header and where each section's payload starts. */
    private record Parsed(SnapshotHeader header, int[] offsets) {
    }

    private static Parsed parse(byte[] snapshot) throws SnapshotException {
        int prefix = MAGIC_BYTES.length + 4;
        if (snapshot.length < prefix) {
            throw new SnapshotException("not a termpress snapshot: only " + snapshot.length + " bytes");
        }
        for (int i = 0; i < MAGIC_BYTES.length; i++) {
            if (snapshot[i] != MAGIC_BYTES[i]) {
                throw new SnapshotException("not a termpress snapshot: the file does not start with TPSNAP");
            }
        }
        StateReader in = new StateReader(snapshot, MAGIC_BYTES.length, snapshot.length - MAGIC_BYTES.length, "snapshot header");
        int format = in.i32();
        if (format != FORMAT_VERSION) {
            throw new SnapshotException("snapshot format version " + format + "; this emulator reads " + FORMAT_VERSION);
        }
        if (snapshot.length < prefix + CHECKSUM_BYTES) {
            throw new SnapshotException("snapshot is truncated: " + snapshot.length + " bytes");
        }
        int body = snapshot.length - CHECKSUM_BYTES;
        int stored = new StateReader(snapshot, body, CHECKSUM_BYTES, "snapshot checksum").i32();
        int computed = Crc32.of(snapshot, 0, body);
        if (stored != computed) {
            throw new SnapshotException("snapshot is damaged or truncated: its CRC-32 is " + hex(computed)
                    + ", the stored one " + hex(stored));
        }
        in = new StateReader(snapshot, prefix, body - prefix, "snapshot header");
        int emulator = in.i32();
        if (emulator != EMULATOR_VERSION) {
            throw new SnapshotException("snapshot made by emulator version " + emulator + "; this is version "
                    + EMULATOR_VERSION);
        }
        long ramBytes = in.i64();
        SnapshotIdentity identity = new SnapshotIdentity(in.string(), in.string());
        int count = in.count(MAX_SECTIONS, "section count");
        List<String> layout = new ArrayList<>();
        List<SnapshotHeader.Section> sections = new ArrayList<>();
        int[] offsets = new int[count];
        for (int i = 0; i < count; i++) {
            String name = in.string();
            int version = in.i32();
            int length = in.count(in.remaining(), "length of section " + name);
            offsets[i] = in.position();
            in.skip(length); // read by the section's component
            layout.add(name);
            sections.add(new SnapshotHeader.Section(name, version, length));
        }
        if (in.remaining() != 0) {
            throw in.damaged(in.remaining() + " bytes after the last section");
        }
        return new Parsed(new SnapshotHeader(FORMAT_VERSION, emulator, ramBytes, layout, identity, sections), offsets);
    }

    private static String hex(int value) {
        return Long.toHexString(value & 0xffff_ffffL);
    }
}
