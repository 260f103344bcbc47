package dev.termpress.emulator.fs;

import java.nio.charset.StandardCharsets;

/** The pax extended-header records termpress uses: path, linkpath, size, mtime, uid and gid. */
final class PaxHeaders {

    String path;
    String linkpath;
    long size = -1;
    long uid = -1;
    long gid = -1;
    boolean hasMtime;
    long mtimeSeconds;
    int mtimeNanos;

    private PaxHeaders() {
    }

    /** Parses records of the form {@code "<length> <key>=<value>\n"}, where length counts the whole record. */
    static PaxHeaders parse(byte[] data, String where) throws ImageFormatException {
        PaxHeaders pax = new PaxHeaders();
        int at = 0;
        while (at < data.length) {
            if (data[at] == 0) {
                break;
            }
            int space = at;
            long length = 0;
            while (space < data.length && data[space] >= '0' && data[space] <= '9' && length < data.length) {
                length = length * 10 + (data[space] - '0');
                space++;
            }
            if (space >= data.length || data[space] != ' ' || length <= space - at || at + length > data.length
                    || data[(int) (at + length - 1)] != '\n') {
                throw new ImageFormatException(where + ": malformed pax record at byte " + at
                        + " of the extended header; expected \"<length> <key>=<value>\\n\"");
            }
            int end = (int) (at + length - 1);
            int equals = space + 1;
            while (equals < end && data[equals] != '=') {
                equals++;
            }
            if (equals >= end) {
                throw new ImageFormatException(where + ": pax record at byte " + at + " has no '='");
            }
            String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            String value = new String(data, equals + 1, end - equals - 1, StandardCharsets.UTF_8);
            pax.apply(key, value, where);
            at = end + 1;
        }
        return pax;
    }

    private void apply(String key, String value, String where) throws ImageFormatException {
        switch (key) {
            case "path":
                path = value;
                break;
            case "linkpath":
                linkpath = value;
                break;
            case "size":
                size = decimal(value, key, where);
                break;
            case "uid":
                uid = decimal(value, key, where);
                break;
            case "gid":
                gid = decimal(value, key, where);
                break;
            case "mtime":
                mtime(value, where);
                break;
            default:
                break; // atime, ctime, uname, xattrs...: not represented in the tree
        }
    }

    private void mtime(String value, String where) throws ImageFormatException {
        int dot = value.indexOf('.');
        String whole = dot < 0 ? value : value.substring(0, dot);
        boolean negative = whole.startsWith("-");
        long seconds = decimal(negative ? whole.substring(1) : whole, "mtime", where);
        int nanos = 0;
        if (dot >= 0) {
            String fraction = value.substring(dot + 1);
            for (int i = 0; i < 9; i++) {
                int digit = i < fraction.length() ? fraction.charAt(i) - '0' : 0;
                if (digit < 0 || digit > 9) {
                    throw new ImageFormatException(where + ": pax mtime '" + value + "' is not a decimal number");
                }
                nanos = nanos * 10 + digit;
            }
        }
        if (negative) {
            seconds = -seconds;
            if (nanos != 0) {
                seconds -= 1;
                nanos = 1_000_000_000 - nanos;
            }
        }
        hasMtime = true;
        mtimeSeconds = seconds;
        mtimeNanos = nanos;
    }

    private static long decimal(String value, String key, String where) throws ImageFormatException {
        if (value.isEmpty() || value.length() > 18) {
            throw new ImageFormatException(where + ": pax " + key + " '" + value + "' is not a decimal number");
        }
        long result = 0;
        for (int i = 0; i < value.length(); i++) {
            int digit = value.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new ImageFormatException(where + ": pax " + key + " '" + value + "' is not a decimal number");
            }
            result = result * 10 + digit;
        }
        return result;
    }
}
