package dev.termpress.emulator.guest;

import java.util.List;

/**
 * How an image wants its process started: the runtime fields of an OCI image config
 * (image-spec config.md, {@code config.Env}, {@code WorkingDir}, {@code User}, {@code Entrypoint}, {@code Cmd}).
 *
 * @param env {@code NAME=value} strings, in order (empty when absent)
 * @param workingDir the working directory, or {@code null}
 * @param user {@code USER[:GROUP]}, or {@code null}
 * @param entrypoint the entrypoint words, or {@code null}
 * @param cmd the command words, or {@code null}
 */
public record ContainerSettings(List<String> env, String workingDir, String user, List<String> entrypoint,
        List<String> cmd) {

    public ContainerSettings {
        env = env == null ? List.of() : List.copyOf(env);
        // An empty WorkingDir or User in an OCI config means the default (image-spec config.md).
        workingDir = workingDir == null || workingDir.isEmpty() ? null : workingDir;
        user = user == null || user.isEmpty() ? null : user;
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
    }

    /** No settings: init's defaults apply ({@code /bin/sh} as root in {@code /}). */
    public static ContainerSettings none() {
        return new ContainerSettings(List.of(), null, null, null, null);
    }
}
