package dev.termpress.runtime.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The browser has no DNS, so every name the guest asks about gets a synthetic address of its own in
 * 198.18.0.0/15 (set aside for benchmarks, RFC 2544: never a real host), and a connection to that address
 * is known to be for that name. Whether the name exists shows only when the fetch is made. Bounded by
 * {@link #MAX_NAMES}; a name keeps its address for the machine's life.
 */
final class NameTable {

    static final int MAX_NAMES = 4096;
    static final int FIRST = 0xc612_0001; // 198.18.0.1

    private final Map<String, Integer> addresses = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The address of {@code name} (lower-cased), assigned now if new; null when the table is full. */
    byte[] address(String name) {
        String key = HttpTokens.lower(name);
        Integer known = addresses.get(key);
        if (known == null) {
            if (names.size() >= MAX_NAMES) {
                return null;
            }
            known = FIRST + names.size();
            addresses.put(key, known);
            names.add(key);
        }
        int a = known;
        return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
    }

    /** The name that {@code address} was given to, or null. */
    String name(int address) {
        long index = (address & 0xffff_ffffL) - (FIRST & 0xffff_ffffL);
        return index >= 0 && index < names.size() ? names.get((int) index) : null;
    }
}
