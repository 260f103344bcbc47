package dev.termpress.generator.check.browser;

import java.util.Map;

/**
 * One look at a demo block in the page: its state, its error box and its terminal's text as the
 * reader sees it (scrollback included, wrapped rows joined, trailing blanks dropped).
 *
 * @param state the figure's {@code data-state} (idle, loading, running, stopped, exited or failed)
 * @param error the text of the error box in the terminal area, or {@code null}
 * @param hooked whether the page runtime exposes its terminal ({@code figure.termpressTerminal})
 * @param text the terminal's text up to the cursor row, without the runtime's power-off notice, or
 *     {@code null} while there is no terminal
 * @param cursorLine the cursor row up to the cursor, trailing blanks kept (a prompt ends in one)
 */
record TerminalSnapshot(String state, String error, boolean hooked, String text, String cursorLine) {

    /**
     * The page function that takes the snapshot, given the figure. It reads the xterm.js buffer
     * through the runtime's documented {@code termpressTerminal} property.
     */
    static final String SCRIPT = """
            f => {
              const t = f.termpressTerminal;
              const box = f.querySelector('.tp-live-error');
              const out = { state: f.getAttribute('data-state'), error: box ? box.textContent : null,
                            hooked: t !== undefined, text: null, cursorLine: '' };
              if (!t) return out;
              const b = t.buffer.active;
              const last = b.baseY + b.cursorY;
              const lines = [];
              for (let i = 0; i <= last; i++) {
                const line = b.getLine(i);
                if (!line) break;
                const next = i < last ? b.getLine(i + 1) : null;
                const text = line.translateToString(!(next && next.isWrapped));
                if (line.isWrapped && lines.length) lines[lines.length - 1] += text; else lines.push(text);
              }
              out.text = lines.join('\\n').replace(/\\u00a0/g, ' ').replace(/\\s+$/, '');
              const row = b.getLine(last);
              out.cursorLine = row ? row.translateToString(false, 0, b.cursorX) : '';
              return out;
            }""";

    /**
     * What termpress-runtime.js writes into the terminal when the machine powers off. It is not guest
     * output and the JVM's console has no such line, so both checks report the same text without it.
     */
    static final String POWER_OFF_NOTICE = "[the machine powered off]";

    /** The snapshot from what {@link #SCRIPT} returned (Playwright hands a JavaScript object over as a map). */
    static TerminalSnapshot of(Object evaluated) {
        if (!(evaluated instanceof Map<?, ?> map)) {
            throw new IllegalStateException("the page returned " + evaluated + " instead of a terminal snapshot");
        }
        String text = string(map.get("text"));
        if (text != null && text.endsWith(POWER_OFF_NOTICE)) {
            text = text.substring(0, text.length() - POWER_OFF_NOTICE.length()).stripTrailing();
        }
        return new TerminalSnapshot(string(map.get("state")), string(map.get("error")),
                Boolean.TRUE.equals(map.get("hooked")), text, stringOrEmpty(map.get("cursorLine")));
    }

    /** Whether the runtime started a terminal but does not expose it: a page built by an older termpress. */
    boolean missingHook() {
        return "running".equals(state) && !hooked;
    }

    /** The text, empty while there is no terminal. */
    String textOrEmpty() {
        return text == null ? "" : text;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static String stringOrEmpty(Object value) {
        return value == null ? "" : value.toString();
    }
}
