package dev.termpress.generator.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an image config (image-spec config.md) the runtime needs.
 *
 * @param platform os, architecture and variant
 * @param env {@code config.Env}, {@code NAME=value} strings (empty when absent)
 * @param workingDir {@code config.WorkingDir}, or {@code null}
 * @param user {@code config.User}, or {@code null}
 * @param entrypoint {@code config.Entrypoint}, or {@code null}
 * @param cmd {@code config.Cmd}, or {@code null}
 * @param diffIds {@code rootfs.diff_ids}: sha256 of each uncompressed layer
 */
record ImageConfig(Platform platform, List<String> env, String workingDir, String user,
        List<String> entrypoint, List<String> cmd, List<Digest> diffIds) {

    static ImageConfig parse(byte[] bytes, String where) throws ImageException {
        JsonNode node = Json.parseObject(bytes, where);
        Platform platform = new Platform(Json.text(node, "os", where), Json.text(node, "architecture", where),
                Json.optionalText(node, "variant", where));
        JsonNode config = node.get("config");
        List<String> env = null;
        String workingDir = null;
        String user = null;
        List<String> entrypoint = null;
        List<String> cmd = null;
        if (config != null && config.isObject()) {
            String at = where + " (config)";
            env = Json.optionalStrings(config, "Env", at);
            workingDir = Json.optionalText(config, "WorkingDir", at);
            user = Json.optionalText(config, "User", at);
            entrypoint = Json.optionalStrings(config, "Entrypoint", at);
            cmd = Json.optionalStrings(config, "Cmd", at);
        }
        JsonNode rootfs = node.get("rootfs");
        if (rootfs == null || !rootfs.isObject()) {
            throw new ImageException(where + ": field \"rootfs\" must be an object with type \"layers\" and diff_ids");
        }
        List<String> rawDiffIds = Json.optionalStrings(rootfs, "diff_ids", where + " (rootfs)");
        List<Digest> diffIds = new ArrayList<>();
        if (rawDiffIds != null) {
            for (String diffId : rawDiffIds) {
                diffIds.add(Digest.parse(diffId, where + " (rootfs.diff_ids)"));
            }
        }
        return new ImageConfig(platform, env == null ? List.of() : List.copyOf(env), emptyToNull(workingDir),
                emptyToNull(user), entrypoint, cmd, List.copyOf(diffIds));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
