package dev.termpress.emulator.isa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The committed ISA test binaries (built and proven under QEMU by {@code emulator/isa-tests/build.sh}),
 * listed by their {@code SHA256SUMS} file and read with their checksum verified.
 */
final class IsaPrograms {

    static final String RESOURCE_DIR = "/dev/termpress/emulator/isa/";

    /** One committed program: its name (file name without {@code .elf}) and expected sha256. */
    record Program(String name, String sha256) {

        String fileName() {
            return name + ".elf";
        }

        /** The ELF bytes; fails if they do not match the recorded checksum. */
        byte[] bytes() {
            byte[] bytes = read(RESOURCE_DIR + fileName());
            String actual = IsaPrograms.sha256(bytes);
            if (!actual.equals(sha256)) {
                throw new IllegalStateException(fileName() + ": sha256 " + actual + " does not match "
                        + sha256 + " in SHA256SUMS; rebuild with emulator/isa-tests/build.sh");
            }
            return bytes;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private IsaPrograms() {
    }

    /** Every program named in {@code SHA256SUMS}, in file order. */
    static List<Program> all() {
        String sums = new String(read(RESOURCE_DIR + "SHA256SUMS"), StandardCharsets.UTF_8);
        List<Program> programs = new ArrayList<>();
        int lineNumber = 0;
        for (String line : sums.split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int space = line.indexOf("  ");
            if (space != 64 || !line.endsWith(".elf")) {
                throw new IllegalStateException("SHA256SUMS line " + lineNumber
                        + ": expected '<64 hex digits>  <name>.elf', got '" + line + "'");
            }
            String file = line.substring(space + 2);
            programs.add(new Program(file.substring(0, file.length() - 4), line.substring(0, 64)));
        }
        return programs;
    }

    private static byte[] read(String resource) {
        try (InputStream in = IsaPrograms.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource
                        + "; build it with emulator/isa-tests/build.sh");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
