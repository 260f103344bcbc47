package dev.termpress.emulator.guest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a host or a demo block changes on top of the image's settings.
 *
 * @param hostname the hostname, or {@code null} for init's default
 * @param workdir the working directory ({@code workdir=}), or {@code null} for the image's own
 * @param user the user ({@code user=}), or {@code null} for the image's own
 * @param env variables set on top of the image's {@code Env}, in order
 * @param cols terminal columns, or 0 to let the console tell
 * @param rows terminal rows, or 0 to let the console tell
 */
public record GuestOverrides(String hostname, String workdir, String user, Map<String, String> env, int cols,
        int rows) {

    public GuestOverrides {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env == null ? Map.of() : env));
    }

    /** Nothing overridden. */
    public static GuestOverrides none() {
        return new GuestOverrides(null, null, null, Map.of(), 0, 0);
    }

    /** The same with {@code name=value} added after the other variables (replacing an earlier value). */
    public GuestOverrides withEnv(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.remove(name);
        more.put(name, value);
        return new GuestOverrides(hostname, workdir, user, more, cols, rows);
    }

    /** The same with a window size. */
    public GuestOverrides withWinsize(int columns, int lines) {
        return new GuestOverrides(hostname, workdir, user, env, columns, lines);
    }
}
