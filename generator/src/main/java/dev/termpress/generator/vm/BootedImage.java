package dev.termpress.generator.vm;

import dev.termpress.emulator.net.UserNetwork;
import dev.termpress.emulator.net.jvm.SocketBackend;
import dev.termpress.emulator.Machine;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.guest.ExitStatusFile;
import dev.termpress.emulator.guest.InitHandshake;
import java.util.OptionalInt;

/**
 * A machine booted from a {@link PreparedImage}, with the root filesystem it serves the guest.
 *
 * @param machine the machine, ready to run (through {@code handshake})
 * @param fs its root filesystem (the image plus the guest's changes)
 * @param handshake what runs the machine, takes the user's input and filters its console output
 */
public record BootedImage(Machine machine, ImageFileSystem fs, InitHandshake handshake) {

    /**
     * Turns the guest's network on: host sockets behind its virtio-net device (its init.conf must carry
     * {@link dev.termpress.emulator.guest.InitConf#withNetwork}, so that init brings eth0 up). Call before the
     * first run; close the returned backend when the machine is dropped.
     */
    public SocketBackend enableNetwork() {
        SocketBackend backend = new SocketBackend();
        machine.network().connect(new UserNetwork(backend));
        return backend;
    }

    /** The guest program's exit status once the machine powered off, if termpress-init recorded one. */
    public OptionalInt exitStatus() {
        return ExitStatusFile.read(fs);
    }
}
