package dev.termpress.runtime.boot;

import java.util.List;

/**
 * What a demo block sets on top of its image ({@code data-workdir}, {@code data-user}, {@code data-env}).
 *
 * @param workdir the working directory, or null for the image's
 * @param user the user, or null for the image's
 * @param env extra {@code NAME=value} entries, in block order; a name the image sets is replaced
 */
public record BlockOptions(String workdir, String user, List<String> env) {

    /** A block that changes nothing. */
    public static final BlockOptions NONE = new BlockOptions(null, null, List.of());

    public BlockOptions {
        env = env == null ? List.of() : List.copyOf(env);
    }
}
