package dev.termpress.emulator.guest;

import dev.termpress.emulator.net.Addresses;
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
    /** The kernel's limit on a hostname's length ({@code __NEW_UTS_LEN}). */
    public static final int MAX_HOSTNAME = 64;
    /** init's limit on either window dimension ({@code MAX_WINSIZE} in init.c). */
    public static final int MAX_WINSIZE = 9999;

    private static final String HEX = "0123456789abcdef";

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
            String problem = hostnameProblem(overrides.hostname());
            if (problem != null) {
                throw new IllegalArgumentException("hostname: " + problem);
            }
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

    /**
     * Why {@code name} cannot be a hostname, or {@code null} when it can: dot-separated labels of
     * letters, digits and hyphens (RFC 1123), none empty, none starting or ending with a hyphen, at
     * most 63 characters each and {@link #MAX_HOSTNAME} in all.
     */
    public static String hostnameProblem(String name) {
        if (name.isEmpty() || name.length() > MAX_HOSTNAME) {
            return "a hostname has 1 to " + MAX_HOSTNAME + " characters, got " + name.length();
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63 || name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
                    return "each dot-separated part of a hostname has 1 to 63 letters, digits or hyphens and"
                            + " neither starts nor ends with a hyphen, got \"" + name + "\"";
                }
                labelStart = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return "a hostname has only letters, digits, hyphens and dots, got \"" + name + "\"";
            }
        }
        return null;
    }

    /**
     * {@code conf} with the two settings a machine resumed from a snapshot needs and a cold one
     * takes too: {@code realtime} (the wall clock, {@code SECONDS.NANOS}) and {@code seed}
     * (hex), appended. Written when init waits (see {@link InitHandshake}), not when the block is
     * rendered, so the time is the time of the start.
     */
    public static String withClockAndSeed(String conf, long epochNanos, byte[] seed) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        if (seconds < 0) {
            throw new IllegalArgumentException("realtime " + epochNanos + " ns is before the epoch");
        }
        String fraction = Long.toString(nanos);
        StringBuilder out = new StringBuilder(conf);
        out.append("realtime ").append(seconds).append('.');
        for (int i = fraction.length(); i < 9; i++) {
            out.append('0');
        }
        out.append(fraction).append('\n').append("seed ");
        for (byte b : seed) {
            out.append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
        }
        return out.append('\n').toString();
    }

    /**
     * The init.conf line that turns the guest's network on: eth0 on the user-mode stack's addresses
     * ({@link Addresses}), its gateway as the default route and its DNS server in /etc/resolv.conf.
     */
    public static String withNetwork(String conf) {
        return conf + "network " + Addresses.GUEST_TEXT + "/" + Addresses.PREFIX_LENGTH + " " + Addresses.GATEWAY_TEXT
                + " " + Addresses.DNS_TEXT + "\n";
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
