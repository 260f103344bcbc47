package dev.termpress.generator.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A pure-Python wheel (PEP 427) made in memory, for pip to install from a test index: a package whose
 * module holds one string, with the METADATA, WHEEL and RECORD (hashes as PEP 376 wants them) pip checks.
 */
record TestWheel(String project, String version, byte[] bytes) {

    static final String GREETING = "hello from the local index";

    /** {@code termpress-hello} 1.0: {@code import termpress_hello; termpress_hello.GREETING}. */
    static TestWheel hello() {
        String project = "termpress-hello";
        String version = "1.0";
        String distInfo = "termpress_hello-" + version + ".dist-info/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("termpress_hello/__init__.py", "GREETING = \"" + GREETING + "\"\n");
        files.put(distInfo + "METADATA", "Metadata-Version: 2.1\nName: " + project + "\nVersion: " + version + "\n");
        files.put(distInfo + "WHEEL", "Wheel-Version: 1.0\nGenerator: termpress-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        files.forEach((name, text) -> {
            byte[] content = text.getBytes(StandardCharsets.UTF_8);
            record.append(name).append(",sha256=").append(recordHash(content)).append(',').append(content.length).append('\n');
        });
        record.append(distInfo).append("RECORD,,\n");
        files.put(distInfo + "RECORD", record.toString());
        return new TestWheel(project, version, zip(files));
    }

    /** The wheel's file name: {@code termpress_hello-1.0-py3-none-any.whl}. */
    String fileName() {
        return project.replace('-', '_') + "-" + version + "-py3-none-any.whl";
    }

    private static String recordHash(byte[] content) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(content));
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
