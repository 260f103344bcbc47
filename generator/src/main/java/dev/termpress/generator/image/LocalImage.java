package dev.termpress.generator.image;

import dev.termpress.emulator.guest.ContainerSettings;
import java.util.List;

/**
 * An image read into memory for the JVM emulator: its runtime settings and its layers as
 * uncompressed tar streams, bottom first, every blob and diff_id verified.
 *
 * @param description where it came from, for messages
 * @param settings the config's Env, WorkingDir, User, Entrypoint and Cmd
 * @param layers each layer's uncompressed tar bytes, bottom first
 * @param manifestDigest the manifest's {@code sha256:<hex>}, as the site's descriptor names it (a boot snapshot's image identity)
 */
public record LocalImage(String description, ContainerSettings settings, List<byte[]> layers, String manifestDigest) {

    public LocalImage {
        layers = List.copyOf(layers);
    }
}
