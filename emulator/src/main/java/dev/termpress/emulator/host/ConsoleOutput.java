package dev.termpress.emulator.host;

/** Receives what the guest writes to its console; the host decides where it goes. */
public interface ConsoleOutput {

    /** Called with bytes the guest wrote; must not block and must not keep a reference to {@code data}. */
    void write(byte[] data, int offset, int length);
}
