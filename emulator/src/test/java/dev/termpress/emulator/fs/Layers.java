package dev.termpress.emulator.fs;

import java.util.ArrayList;
import java.util.List;

/** Builds an {@link ImageFileSystem} from tar streams in tests, with a fixed clock. */
public final class Layers {

    public static final long CLOCK_NANOS = 1_800_000_000_123_456_789L;

    private Layers() {
    }

    public static List<LayerIndex> indexes(byte[]... tars) throws ImageFormatException {
        List<LayerIndex> indexes = new ArrayList<>();
        for (byte[] tar : tars) {
            indexes.add(LayerIndex.build(TarInput.of(tar)));
        }
        return indexes;
    }

    /** A filesystem over {@code tars} whose contents are served at once. */
    public static ImageFileSystem fs(byte[]... tars) throws ImageFormatException {
        return ImageFileSystem.create(indexes(tars), new ByteArrayLayerSource(List.of(tars)), () -> CLOCK_NANOS);
    }
}
