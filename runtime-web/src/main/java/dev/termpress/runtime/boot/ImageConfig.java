package dev.termpress.runtime.boot;

import java.util.List;

/**
 * The parts of an OCI image config the runtime applies (image descriptor {@code config} fields).
 *
 * @param env {@code NAME=value} entries, in order
 * @param workingDir the working directory, or null for {@code /}
 * @param user the user spec, or null for root
 * @param entrypoint the entrypoint words, or null
 * @param cmd the command words, or null
 */
public record ImageConfig(List<String> env, String workingDir, String user, List<String> entrypoint,
        List<String> cmd) {

    public ImageConfig {
        env = env == null ? List.of() : List.copyOf(env);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
    }

    /** The process to start: entrypoint then cmd, as in the OCI runtime; empty when the image names none. */
    public List<String> argv() {
        java.util.ArrayList<String> words = new java.util.ArrayList<>();
        if (entrypoint != null) {
            words.addAll(entrypoint);
        }
        if (cmd != null) {
            words.addAll(cmd);
        }
        return words;
    }
}
