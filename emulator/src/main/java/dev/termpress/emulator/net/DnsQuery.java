package dev.termpress.emulator.net;

import java.util.List;

/**
 * One DNS question from the guest (RFC 1035 §4.1) and the answers to it. Only standard queries with
 * exactly one question are answered; A records come from the backend, AAAA and other types get an
 * empty answer for a name that exists (the guest has no IPv6 route).
 *
 * @param question the question section's bytes (name, type, class), copied into the response
 * @param name the name asked for, lower case, without the trailing dot
 */
record DnsQuery(int id, int flags, byte[] question, String name, int type, int questionClass) {

    static final int TYPE_A = 1;
    static final int CLASS_IN = 1;
    static final int RCODE_FORMAT_ERROR = 1;
    static final int RCODE_SERVER_FAILURE = 2;
    static final int RCODE_NAME_ERROR = 3;
    static final int RCODE_NOT_IMPLEMENTED = 4;
    private static final int HEADER = 12;
    private static final int MAX_NAME = 255;
    private static final int FLAG_RESPONSE = 0x8000;
    private static final int OPCODE = 0x7800;
    private static final int FLAG_RECURSION_DESIRED = 0x0100;
    private static final int FLAG_RECURSION_AVAILABLE = 0x0080;
    private static final int TTL_SECONDS = 60;
    /** At most this many A records in one answer, so a response stays well within 512 bytes. */
    static final int MAX_ANSWERS = 16;

    /** Outcome of {@link #parse}: the query, or the response code to send for a message that has an id. */
    record Parsed(DnsQuery query, int id, int flags, int rcode) {
    }

    /** Parses a query; null when the message is too short to have an id or is itself a response (never answered). */
    static Parsed parse(byte[] b, int offset, int length) {
        if (length < HEADER) {
            return null;
        }
        int id = Packets.u16(b, offset);
        int flags = Packets.u16(b, offset + 2);
        if ((flags & FLAG_RESPONSE) != 0) {
            return null;
        }
        if ((flags & OPCODE) != 0) {
            return new Parsed(null, id, flags, RCODE_NOT_IMPLEMENTED);
        }
        if (Packets.u16(b, offset + 4) != 1) {
            return new Parsed(null, id, flags, RCODE_FORMAT_ERROR);
        }
        int at = offset + HEADER;
        int end = offset + length;
        StringBuilder name = new StringBuilder();
        while (true) {
            if (at >= end) {
                return new Parsed(null, id, flags, RCODE_FORMAT_ERROR);
            }
            int label = Packets.u8(b, at++);
            if (label == 0) {
                break;
            }
            // A question's name is never compressed (nothing precedes it); 64..255 are pointers or reserved.
            if (label > 63 || at + label > end || name.length() + label + 1 > MAX_NAME) {
                return new Parsed(null, id, flags, RCODE_FORMAT_ERROR);
            }
            if (name.length() > 0) {
                name.append('.');
            }
            for (int i = 0; i < label; i++) {
                int c = b[at + i] & 0xff;
                name.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c));
            }
            at += label;
        }
        if (at + 4 > end) {
            return new Parsed(null, id, flags, RCODE_FORMAT_ERROR);
        }
        int questionStart = offset + HEADER;
        byte[] question = java.util.Arrays.copyOfRange(b, questionStart, at + 4);
        DnsQuery query = new DnsQuery(id, flags, question, name.toString(), Packets.u16(b, at),
                Packets.u16(b, at + 2));
        return new Parsed(query, id, flags, 0);
    }

    /** Whether the name is printable ASCII a resolver may be asked about (no control bytes or spaces). */
    boolean plainName() {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** A response with these A records (only for an IN A question; otherwise an empty answer). */
    byte[] answer(List<byte[]> addresses) {
        int count = type == TYPE_A && questionClass == CLASS_IN ? Math.min(addresses.size(), MAX_ANSWERS) : 0;
        byte[] out = new byte[HEADER + question.length + count * 16];
        header(out, id, flags, 0, true, count);
        System.arraycopy(question, 0, out, HEADER, question.length);
        int at = HEADER + question.length;
        for (int i = 0; i < count; i++) {
            Packets.put16(out, at, 0xc000 | HEADER); // the name: a pointer to the question's
            Packets.put16(out, at + 2, TYPE_A);
            Packets.put16(out, at + 4, CLASS_IN);
            Packets.put32(out, at + 6, TTL_SECONDS);
            Packets.put16(out, at + 10, 4);
            System.arraycopy(addresses.get(i), 0, out, at + 12, 4);
            at += 16;
        }
        return out;
    }

    /** A response with no answers and {@code rcode}, keeping the question. */
    byte[] error(int rcode) {
        byte[] out = new byte[HEADER + question.length];
        header(out, id, flags, rcode, true, 0);
        System.arraycopy(question, 0, out, HEADER, question.length);
        return out;
    }

    /** A bare response (no question section) for a message whose question could not be read. */
    static byte[] bareError(int id, int flags, int rcode) {
        byte[] out = new byte[HEADER];
        header(out, id, flags, rcode, false, 0);
        return out;
    }

    private static void header(byte[] out, int id, int flags, int rcode, boolean withQuestion, int answers) {
        Packets.put16(out, 0, id);
        Packets.put16(out, 2, FLAG_RESPONSE | (flags & (OPCODE | FLAG_RECURSION_DESIRED)) | FLAG_RECURSION_AVAILABLE
                | rcode);
        Packets.put16(out, 4, withQuestion ? 1 : 0);
        Packets.put16(out, 6, answers);
    }

}
