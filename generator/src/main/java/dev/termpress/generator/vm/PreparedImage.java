package dev.termpress.generator.vm;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.guest.InitHandshake;
import dev.termpress.emulator.kernel.KernelImage;
import dev.termpress.emulator.p9.Virtio9p;
import dev.termpress.emulator.translate.jvm.JvmTranslation;
import dev.termpress.generator.image.LocalImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * An image ready to boot on the JVM: its layer indexes built once, so every boot (one per demo
 * block in {@code check}) only merges the tree again and starts a fresh machine.
 */
public final class PreparedImage {

    private final LocalImage image;
    private final List<LayerIndex> indexes;
    private final ByteArrayLayerSource source;
    private final long upperLimit;

    private PreparedImage(LocalImage image, List<LayerIndex> indexes, long upperLimit) {
        this.image = image;
        this.indexes = indexes;
        this.source = new ByteArrayLayerSource(image.layers());
        this.upperLimit = upperLimit;
    }

    /** Indexes the image's layers; a layer termpress cannot serve is an error naming it. */
    public static PreparedImage of(LocalImage image) throws ImageFormatException {
        return of(image, ImageFileSystem.DEFAULT_UPPER_LIMIT);
    }

    /** The same with the writable layer of every boot limited to {@code upperLimit} bytes. */
    public static PreparedImage of(LocalImage image, long upperLimit) throws ImageFormatException {
        List<LayerIndex> indexes = new ArrayList<>();
        for (byte[] layer : image.layers()) {
            indexes.add(LayerIndex.build(TarInput.of(layer)));
        }
        return new PreparedImage(image, indexes, upperLimit);
    }

    /** The loaded image. */
    public LocalImage image() {
        return image;
    }

    /**
     * A new machine with the kernel loaded and the pristine image as its root filesystem; the
     * caller runs it through the returned {@link InitHandshake}, which hands init {@code initConf}
     * (as {@code /.termpress/init.conf}) when init asks for it.
     *
     * @param config the machine settings; its console receives the output without the handshake's markers
     * @param clockNanos wall time, nanoseconds since the epoch: for files the guest changes and for the guest's clock
     * @throws ImageFormatException if the image blocks {@code /.termpress} (checked before the boot)
     */
    public BootedImage boot(String initConf, MachineConfig config, LongSupplier clockNanos)
            throws ImageFormatException {
        ImageFileSystem fs = ImageFileSystem.create(indexes, source, clockNanos, upperLimit);
        InitHandshake handshake = new InitHandshake(fs, initConf, clockNanos, config.entropy(), config.console());
        try {
            handshake.checkInstallable();
        } catch (IllegalStateException e) {
            throw new ImageFormatException(image.description() + ": " + e.getMessage());
        }
        // run and check translate guest code with TERMPRESS_TRANSLATE=on (or -Dtermpress.translate=on).
        JvmTranslation.configureFromSettings();
        Machine machine = new Machine(new MachineConfig(config.ramBytes(), config.bootargs(), config.clock(), handshake,
                config.rngSeed(), config.entropy()));
        handshake.attach(machine);
        machine.attach(new Virtio9p(fs));
        machine.bootKernel(KernelImage.load());
        return new BootedImage(machine, fs, handshake);
    }
}
