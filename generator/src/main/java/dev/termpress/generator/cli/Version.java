package dev.termpress.generator.cli;

import dev.termpress.emulator.kernel.KernelImage;
import dev.termpress.emulator.snapshot.MachineSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: termpress's version (from the jar's manifest, "development build"
 * when run from classes) and the emulator and guest kernel it carries, so that a bug report or a
 * snapshot that will not resume names the exact build.
 */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TermpressCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "termpress " + (version == null ? "development build" : version),
            "emulator: RV64GC, machine version " + MachineSnapshot.EMULATOR_VERSION + ", snapshot format "
                    + MachineSnapshot.FORMAT_VERSION,
            "kernel: " + kernel(),
            "java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }

    /** For example "Linux 6.12.107, Image sha256 295c95b5c459", from the kernel's build record. */
    static String kernel() {
        String record = buildRecord();
        if (record == null) {
            return "not built (" + KernelImage.BUILD_RESOURCE + " is missing)";
        }
        String release = field(record, "kernelrelease");
        String image = field(record, "image");
        return "Linux " + (release == null ? "(release unknown)" : release)
                + ", Image sha256 " + (image == null ? "unknown" : image.substring(0, Math.min(12, image.length())));
    }

    private static String buildRecord() {
        try (InputStream in = KernelImage.class.getResourceAsStream(KernelImage.BUILD_RESOURCE)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
    }

    private static String field(String record, String name) {
        for (String line : record.lines().toList()) {
            if (line.startsWith(name + " ")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }
}
