package dev.termpress.runtime.worker;

import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.LayerSource;
import dev.termpress.runtime.boot.BlockOptions;
import dev.termpress.emulator.guest.ContainerSettings;
import java.util.List;

/**
 * Everything a {@link Session} boots from.
 *
 * @param kernel the raw kernel {@code Image}, or null for a session resumed from a boot snapshot
 * @param layers the image's layer indexes, bottom first
 * @param source where layer contents come from
 * @param image the image's config
 * @param block the demo block's overrides
 * @param cols the terminal's columns at boot
 * @param rows the terminal's rows at boot
 */
public record SessionSpec(byte[] kernel, List<LayerIndex> layers, LayerSource source, ContainerSettings image,
        BlockOptions block, int cols, int rows) {

    public SessionSpec {
        layers = List.copyOf(layers);
    }
}
