package dev.termpress.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The browser runtime's files as a site ships them (JVM side, for the generator): each under a
 * content-hashed name, so hosts and browsers may cache them forever. Loaded once from the classpath.
 */
public final class RuntimeAssets {

    /** Where the files go, under the site's {@code assets/} directory. */
    public static final String DIRECTORY = "runtime/";

    private static final String PREFIX = "/dev/termpress/runtime/web/";
    private static final String KERNEL = "/dev/termpress/emulator/kernel/Image.gz";
    /** The raw kernel Image's sha256 in {@code sha256sum} format: the kernel a boot snapshot must be made on. */
    private static final String KERNEL_SHA256 = "/dev/termpress/emulator/kernel/Image.sha256";
    private static final int HASH_DIGITS = 12;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Role → classpath resource. The roles are the keys of the page script's {@code data-assets}. */
    private static final String[][] FILES = {
        { "script", PREFIX + "termpress-runtime.js" },
        { "css", PREFIX + "termpress-runtime.css" },
        { "worker", PREFIX + "termpress-worker.js" },
        { "wasm", PREFIX + "termpress-worker.wasm" },
        { "teavm", PREFIX + "teavm-wasm-gc-runtime.js" },
        { "xterm", PREFIX + "xterm.js" },
        { "xtermCss", PREFIX + "xterm.css" },
        { "fit", PREFIX + "addon-fit.js" },
        { "xtermLicense", PREFIX + "xterm/LICENSE" },
        { "kernel", KERNEL },
    };

    private static RuntimeAssets instance;

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    private final String kernelSha256;

    private RuntimeAssets() {
        for (String[] file : FILES) {
            byte[] bytes = read(file[1]);
            String name = hashedName(file[0].equals("xtermLicense") ? "xterm-LICENSE.txt" : baseName(file[1]), bytes);
            names.put(file[0], name);
            contents.put(name, bytes);
        }
        String line = new String(read(KERNEL_SHA256), java.nio.charset.StandardCharsets.US_ASCII).trim();
        int space = line.indexOf(' ');
        kernelSha256 = space < 0 ? line : line.substring(0, space);
    }

    /** The sha256 (hex) of the raw kernel Image the runtime boots. */
    public String kernelSha256() {
        return kernelSha256;
    }

    /**
     * The runtime files of this build.
     *
     * @throws IllegalStateException if a file is missing from the classpath (runtime-web not built)
     */
    public static synchronized RuntimeAssets get() {
        if (instance == null) {
            instance = new RuntimeAssets();
        }
        return instance;
    }

    /** Role (script, css, worker, wasm, teavm, xterm, xtermCss, fit, xtermLicense, kernel) → file name. */
    public Map<String, String> names() {
        return Collections.unmodifiableMap(names);
    }

    /** File name → bytes, for writing every file into {@link #DIRECTORY}. */
    public Map<String, byte[]> files() {
        return Collections.unmodifiableMap(contents);
    }

    /** The name of the page script. */
    public String script() {
        return names.get("script");
    }

    /**
     * The page script's {@code data-assets} JSON: each role's URL, {@code prefix} + file name, where
     * {@code prefix} is the runtime directory relative to the page (for example {@code ../assets/runtime/}),
     * {@code kernelSha256}, the raw kernel's sha256, which the worker compares with a boot snapshot's, and
     * {@code kernelSize}, the kernel file's bytes (what prewarming an image without a snapshot would fetch).
     */
    public String assetsJson(String prefix) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> entry : names.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(entry.getKey()).append("\":\"").append(jsonEscape(prefix + entry.getValue()))
                    .append('"');
        }
        json.append(",\"kernelSha256\":\"").append(jsonEscape(kernelSha256)).append('"');
        json.append(",\"kernelSize\":").append(contents.get(names.get("kernel")).length);
        return json.append('}').toString();
    }

    static String hashedName(String name, byte[] bytes) {
        String hash = sha256(bytes).substring(0, HASH_DIGITS);
        int dot = name.indexOf('.');
        return dot < 0 ? name + "." + hash : name.substring(0, dot) + "." + hash + name.substring(dot);
    }

    private static String baseName(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    private static byte[] read(String resource) {
        try (InputStream in = RuntimeAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the browser runtime file " + resource
                        + " is not on the classpath; build the runtime-web module first");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            char[] hex = new char[digest.length * 2];
            for (int i = 0; i < digest.length; i++) {
                hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
                hex[2 * i + 1] = HEX[digest[i] & 0xf];
            }
            return new String(hex);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
