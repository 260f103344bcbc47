package dev.termpress.emulator.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code /.termpress/init.conf}, the file the guest's init reads (format documented at the
 * top of {@code emulator/kernel/init.c}), from an image's settings and the overrides of a host or
 * demo block. Plain Java without dependencies, so every host (JVM, browser) can share it.
 */
public final class InitConf {

    /** Where init looks for the file, relative to the root filesystem. */
    public static final String DIRECTORY = ".termpress";
    public static final String FILE_NAME = "init.conf";
    /** init's limit on the file's size ({@code FILE_LIMIT} in init.c). */
    public static final int MAX_BYTES = 65536;
    /** init's limits on argv and environment entries ({@code MAX_ARGS}, {@code MAX_ENV} in init.c). */
    public static final int MAX_ARGS = 256;
    public static final int MAX_ENV = 256;
    /** init's limit on either window dimension ({@code MAX_WINSIZE} in init.c). */
    public static final int MAX_WINSIZE = 9999;

    private InitConf() {}

    /**
     * The file's text: hostname, env (the image's {@code Env} with overrides replacing same-named
     * variables in place and new ones appended), workdir, user, arg ({@code Entrypoint} then
     * {@code Cmd}), winsize.
     *
     * @throws IllegalArgumentException naming the setting when a value cannot be written (a
     *     newline in it, a variable without a name, too many entries or bytes)
     */
    public static String render(ContainerSettings image, GuestOverrides overrides) {
        StringBuilder out = new StringBuilder("# written by termpress for termpress-init\n");
        if (overrides.hostname() != null) {
            line(out, "hostname", overrides.hostname());
        }
        List<String> env = mergedEnv(image.env(), overrides.env());
        if (env.size() > MAX_ENV) {
            throw new IllegalArgumentException("environment: " + env.size() + " variables; at most " + MAX_ENV);
        }
        for (String variable : env) {
            line(out, "env", variable);
        }
        String workdir = overrides.workdir() != null ? overrides.workdir() : image.workingDir();
        if (workdir != null) {
            line(out, "workdir", workdir);
        }
        String user = overrides.user() != null ? overrides.user() : image.user();
        if (user != null) {
            line(out, "user", user);
        }
        List<String> args = new ArrayList<>();
        if (image.entrypoint() != null) {
            args.addAll(image.entrypoint());
        }
        if (image.cmd() != null) {
            args.addAll(image.cmd());
        }
        if (args.size() > MAX_ARGS) {
            throw new IllegalArgumentException("Entrypoint and Cmd: " + args.size() + " words; at most " + MAX_ARGS);
        }
        for (String arg : args) {
            line(out, "arg", arg);
        }
        if (overrides.cols() > 0 && overrides.rows() > 0) {
            int cols = Math.min(overrides.cols(), MAX_WINSIZE);
            int rows = Math.min(overrides.rows(), MAX_WINSIZE);
            line(out, "winsize", cols + "x" + rows);
        }
        if (out.length() > MAX_BYTES) { // ASCII-dominated; a close enough bound before encoding
            throw new IllegalArgumentException("init.conf would be " + out.length() + " characters; at most " + MAX_BYTES);
        }
        return out.toString();
    }

    /** The image's variables in order, each override replacing its namesake in place or appended. */
    static List<String> mergedEnv(List<String> imageEnv, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String variable : imageEnv) {
            int eq = variable.indexOf('=');
            String name = eq < 0 ? variable : variable.substring(0, eq);
            merged.put(name, eq < 0 ? "" : variable.substring(eq + 1));
        }
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            merged.put(override.getKey(), override.getValue());
        }
        List<String> result = new ArrayList<>();
        for (Map.Entry<String, String> variable : merged.entrySet()) {
            if (variable.getKey().isEmpty()) {
                throw new IllegalArgumentException("environment variable \"=" + variable.getValue()
                        + "\" has no name; expected NAME=value");
            }
            result.add(variable.getKey() + "=" + variable.getValue());
        }
        return result;
    }

    private static void line(StringBuilder out, String key, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == 0) {
                throw new IllegalArgumentException(key + " \"" + value.replace("\n", "\\n").replace("\r", "\\r")
                        + "\": contains a line break or NUL, which init.conf cannot carry");
            }
        }
        out.append(key).append(' ').append(value).append('\n');
    }
}
