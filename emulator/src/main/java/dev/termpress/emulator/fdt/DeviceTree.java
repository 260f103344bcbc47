package dev.termpress.emulator.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a flattened device tree blob (Devicetree Specification v0.4, chapter 5: header, memory
 * reservation block, structure block, strings block; version 17). Nodes are written in order with
 * {@link #beginNode} and {@link #endNode}; properties belong to the innermost open node.
 */
public final class DeviceTree {

    /** phandle of the hart's local interrupt controller ({@code /cpus/cpu@0/interrupt-controller}). */
    public static final int PHANDLE_CPU_INTC = 1;
    /** phandle of the PLIC, the {@code interrupt-parent} of every device interrupt. */
    public static final int PHANDLE_PLIC = 2;

    private static final int FDT_MAGIC = 0xd00dfeed;
    private static final int FDT_BEGIN_NODE = 1;
    private static final int FDT_END_NODE = 2;
    private static final int FDT_PROP = 3;
    private static final int FDT_END = 9;
    private static final int HEADER_SIZE = 40;
    private static final int MEM_RSVMAP_SIZE = 16;

    private final ByteArrayOutputStream structure = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new HashMap<>();
    private int depth;
    private int nextPhandle = 16;

    /** Opens a node; the root node's name is the empty string. */
    public DeviceTree beginNode(String name) {
        putInt(structure, FDT_BEGIN_NODE);
        putPaddedString(structure, name);
        depth++;
        return this;
    }

    public DeviceTree endNode() {
        if (depth == 0) {
            throw new IllegalStateException("endNode() without an open node");
        }
        putInt(structure, FDT_END_NODE);
        depth--;
        return this;
    }

    /** A property without a value, such as {@code interrupt-controller}. */
    public DeviceTree property(String name) {
        return property(name, new byte[0]);
    }

    /** A string-list property: each string NUL-terminated. */
    public DeviceTree property(String name, String... values) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (String s : values) {
            write(value, s.getBytes(StandardCharsets.UTF_8));
            value.write(0);
        }
        return property(name, value.toByteArray());
    }

    /** A property of 32-bit big-endian cells. */
    public DeviceTree cells(String name, int... cells) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (int cell : cells) {
            putInt(value, cell);
        }
        return property(name, value.toByteArray());
    }

    /** A property of 64-bit values, each written as two cells (for {@code #address-cells = 2}). */
    public DeviceTree longs(String name, long... values) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (long v : values) {
            putInt(value, (int) (v >>> 32));
            putInt(value, (int) v);
        }
        return property(name, value.toByteArray());
    }

    /** A property with raw bytes as its value. */
    public DeviceTree property(String name, byte[] value) {
        if (depth == 0) {
            throw new IllegalStateException("property '" + name + "' outside any node");
        }
        putInt(structure, FDT_PROP);
        putInt(structure, value.length);
        putInt(structure, stringOffset(name));
        write(structure, value);
        pad(structure);
        return this;
    }

    /** A fresh phandle for a node that others refer to. */
    public int allocatePhandle() {
        return nextPhandle++;
    }

    /** The finished blob; every node must be closed. */
    public byte[] toBlob() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " device-tree node(s) still open");
        }
        ByteArrayOutputStream struct = new ByteArrayOutputStream();
        write(struct, structure.toByteArray());
        putInt(struct, FDT_END);
        byte[] structBytes = struct.toByteArray();
        byte[] stringBytes = strings.toByteArray();

        int offStruct = HEADER_SIZE + MEM_RSVMAP_SIZE;
        int offStrings = offStruct + structBytes.length;
        int total = offStrings + stringBytes.length;

        ByteArrayOutputStream blob = new ByteArrayOutputStream(total);
        putInt(blob, FDT_MAGIC);
        putInt(blob, total);
        putInt(blob, offStruct);
        putInt(blob, offStrings);
        putInt(blob, HEADER_SIZE); // off_mem_rsvmap
        putInt(blob, 17); // version
        putInt(blob, 16); // last_comp_version
        putInt(blob, 0); // boot_cpuid_phys
        putInt(blob, stringBytes.length);
        putInt(blob, structBytes.length);
        write(blob, new byte[MEM_RSVMAP_SIZE]); // one terminating (0, 0) entry
        write(blob, structBytes);
        write(blob, stringBytes);
        return blob.toByteArray();
    }

    private int stringOffset(String name) {
        Integer known = stringOffsets.get(name);
        if (known != null) {
            return known;
        }
        int offset = strings.size();
        write(strings, name.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        stringOffsets.put(name, offset);
        return offset;
    }

    /** {@code out.writeBytes(bytes)} without that JDK 11 method, which TeaVM's class library lacks. */
    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }

    private static void putPaddedString(ByteArrayOutputStream out, String s) {
        write(out, s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        pad(out);
    }

    private static void pad(ByteArrayOutputStream out) {
        while ((out.size() & 3) != 0) {
            out.write(0);
        }
    }

    private static void putInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
