package dev.termpress.emulator.fs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes small tar streams for tests: ustar headers, GNU long names for long paths, pax records on request. */
public final class TarBuilder {

    public static final long MTIME = 1_700_000_000L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int uid;
    private int gid;

    /** Owner of the following entries. */
    public TarBuilder owner(int uid, int gid) {
        this.uid = uid;
        this.gid = gid;
        return this;
    }

    public TarBuilder dir(String path, int mode) {
        return entry('5', path, "", mode, new byte[0], 0, 0);
    }

    public TarBuilder file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public TarBuilder file(String path, byte[] content, int mode) {
        return entry('0', path, "", mode, content, 0, 0);
    }

    public TarBuilder symlink(String path, String target) {
        return entry('2', path, target, 0777, new byte[0], 0, 0);
    }

    public TarBuilder hardlink(String path, String target) {
        return entry('1', path, target, 0644, new byte[0], 0, 0);
    }

    public TarBuilder device(char type, String path, int major, int minor) {
        return entry(type, path, "", 0666, new byte[0], major, minor);
    }

    /** A pax extended header applying {@code records} to the next entry. */
    public TarBuilder pax(Map<String, String> records) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> record : records.entrySet()) {
            String rest = " " + record.getKey() + "=" + record.getValue() + "\n";
            int length = rest.getBytes(StandardCharsets.UTF_8).length;
            int digits = String.valueOf(length).length();
            int total = length + digits;
            if (String.valueOf(total).length() != digits) {
                total++;
            }
            body.append(total).append(rest);
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        header('x', "PaxHeaders/x", "", 0644, bytes.length, 0, 0);
        data(bytes);
        return this;
    }

    /** An entry with full control: GNU 'L'/'K' records are added for names over 100 bytes. */
    public TarBuilder entry(char type, String path, String link, int mode, byte[] content, int major, int minor) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length > 100) {
            header('L', "././@LongLink", "", 0, name.length + 1, 0, 0);
            data(java.util.Arrays.copyOf(name, name.length + 1));
        }
        byte[] target = link.getBytes(StandardCharsets.UTF_8);
        if (target.length > 100) {
            header('K', "././@LongLink", "", 0, target.length + 1, 0, 0);
            data(java.util.Arrays.copyOf(target, target.length + 1));
        }
        header(type, truncate(path), truncate(link), mode, content.length, major, minor);
        data(content);
        return this;
    }

    /** Raw bytes appended as they are (for corrupt streams). */
    public TarBuilder raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** The stream with its two-block end marker. */
    public byte[] build() {
        out.write(new byte[1024], 0, 1024);
        return out.toByteArray();
    }

    /** The stream so far, without an end marker. */
    public byte[] buildWithoutEnd() {
        return out.toByteArray();
    }

    private static String truncate(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= 100 ? s : new String(b, 0, 100, StandardCharsets.UTF_8);
    }

    private void header(char type, String name, String link, int mode, long size, int major, int minor) {
        byte[] h = new byte[512];
        put(h, 0, 100, name);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, MTIME);
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        h[263] = '0';
        h[264] = '0';
        octal(h, 329, 8, major);
        octal(h, 337, 8, minor);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        out.write(h, 0, 512);
    }

    private void data(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        int pad = (512 - bytes.length % 512) % 512;
        out.write(new byte[pad], 0, pad);
    }

    private static void put(byte[] h, int offset, int length, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, offset, Math.min(length, b.length));
    }

    private static void octal(byte[] h, int offset, int length, long value) {
        String s = Long.toOctalString(value);
        while (s.length() < length - 1) {
            s = "0" + s;
        }
        put(h, offset, length - 1, s);
    }
}
