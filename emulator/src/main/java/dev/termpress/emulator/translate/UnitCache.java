package dev.termpress.emulator.translate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled units for the whole process, by the content of the page they were decoded from: a
 * second machine (check runs many, a benchmark many more) finds the code the first one compiled,
 * already warmed up by HotSpot. Units are position independent and hold no machine state, so equal
 * bytes mean equal code; a page whose bytes changed simply no longer finds the old unit.
 */
final class UnitCache {

    /** Pages kept; the oldest goes first (each holds 4 KiB of key and a class). */
    private static final int MAX_PAGES = 4096;

    private static final Map<Content, Cached> UNITS = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Content, Cached> eldest) {
            return size() > MAX_PAGES;
        }
    };

    private UnitCache() {
    }

    /** A unit and the block it was compiled from. */
    record Cached(Block block, CompiledBlock code) {
    }

    /** The unit compiled for a page holding {@code words}, or null. */
    static Cached get(int[] words) {
        synchronized (UNITS) {
            return UNITS.get(new Content(words));
        }
    }

    /** Remembers {@code code} for a page holding {@code words} (not changed after this call). */
    static void put(int[] words, Block block, CompiledBlock code) {
        synchronized (UNITS) {
            UNITS.put(new Content(words), new Cached(block, code));
        }
    }

    /** A page's words as a map key. */
    private static final class Content {
        private final int[] words;
        private final int hash;

        Content(int[] words) {
            this.words = words;
            this.hash = Arrays.hashCode(words);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && c.hash == hash && Arrays.equals(c.words, words);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
