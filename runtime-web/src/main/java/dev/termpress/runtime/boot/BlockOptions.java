package dev.termpress.runtime.boot;

import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.guest.GuestOverrides;
import java.util.List;

/**
 * What a demo block sets on top of its image ({@code data-workdir}, {@code data-user},
 * {@code data-hostname}, {@code data-env}, {@code data-upper-limit}: the image's, from termpress.yaml).
 *
 * @param workdir the working directory, or null for the image's
 * @param user the user, or null for the image's
 * @param hostname the hostname (the block's or its image's), or null for init's default
 * @param env extra {@code NAME=value} entries, in block order; a name the image sets is replaced
 * @param upperLimit bytes the writable layer may hold
 */
public record BlockOptions(String workdir, String user, String hostname, List<String> env, long upperLimit) {

    /** A block on an image with the default writable-layer limit. */
    public BlockOptions(String workdir, String user, String hostname, List<String> env) {
        this(workdir, user, hostname, env, ImageFileSystem.DEFAULT_UPPER_LIMIT);
    }

    /** A block that changes nothing. */
    public static final BlockOptions NONE = new BlockOptions(null, null, null, List.of());

    public BlockOptions {
        env = env == null ? List.of() : List.copyOf(env);
        if (upperLimit <= 0) {
            upperLimit = ImageFileSystem.DEFAULT_UPPER_LIMIT;
        }
    }

    /** These settings, for a terminal of {@code cols} x {@code rows}, as init.conf overrides. */
    public GuestOverrides overrides(int cols, int rows) {
        GuestOverrides overrides = new GuestOverrides(hostname, workdir, user, null, cols, rows);
        for (String entry : env) {
            int eq = entry.indexOf('=');
            overrides = eq < 0 ? overrides.withEnv(entry, "")
                    : overrides.withEnv(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return overrides;
    }
}
