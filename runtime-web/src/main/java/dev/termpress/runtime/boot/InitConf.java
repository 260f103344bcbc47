package dev.termpress.runtime.boot;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the guest init's configuration file ({@code /.termpress/init.conf}; format at the top of
 * {@code emulator/kernel/init.c}): one {@code key value} line per setting, values verbatim to the end of
 * the line.
 */
public final class InitConf {

    /** Where init reads it, relative to the root of the image. */
    public static final String DIRECTORY = ".termpress";
    public static final String FILE = "init.conf";

    private InitConf() {
    }

    /**
     * The file's text for an image, the block's overrides and the terminal's size.
     *
     * @throws IllegalArgumentException if a value holds a line break or NUL (init cannot read it back)
     */
    public static String render(ImageConfig image, BlockOptions block, int cols, int rows) {
        StringBuilder text = new StringBuilder("# written by the termpress browser runtime\n");
        for (String entry : mergeEnv(image.env(), block.env())) {
            line(text, "env", entry);
        }
        String workdir = block.workdir() != null ? block.workdir() : image.workingDir();
        if (workdir != null && !workdir.isEmpty()) {
            line(text, "workdir", workdir);
        }
        String user = block.user() != null ? block.user() : image.user();
        if (user != null && !user.isEmpty()) {
            line(text, "user", user);
        }
        for (String word : image.argv()) {
            line(text, "arg", word);
        }
        if (cols > 0 && rows > 0) {
            line(text, "winsize", cols + "x" + rows);
        }
        return text.toString();
    }

    /** Image entries in order, each replaced by the block's entry of the same name; new names go last. */
    static List<String> mergeEnv(List<String> image, List<String> block) {
        List<String> merged = new ArrayList<>(image);
        for (String entry : block) {
            String name = name(entry);
            int at = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (name(merged.get(i)).equals(name)) {
                    at = i;
                    break;
                }
            }
            if (at >= 0) {
                merged.set(at, entry);
            } else {
                merged.add(entry);
            }
        }
        return merged;
    }

    private static String name(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }

    private static void line(StringBuilder text, String key, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == 0) {
                throw new IllegalArgumentException("the " + key + " value \"" + value.replace("\n", "\\n")
                        .replace("\r", "\\r").replace("\0", "\\0")
                        + "\" contains a line break or NUL, which init.conf cannot hold");
            }
        }
        text.append(key).append(' ').append(value).append('\n');
    }
}
