package dev.termpress.emulator.net;

/** The host's end of one guest TCP connection, as a backend gives it to the stack. Machine thread only. */
public interface HostStream {

    /** Queues bytes for the host side; the backend copies them. */
    void write(byte[] data, int offset, int length);

    /** Bytes queued by {@link #write} that the host side has not taken yet (the stack's receive window shrinks by them). */
    int pendingWrite();

    /** Stops (true) or resumes (false) reading from the host side while the guest's side is full. */
    void pauseReading(boolean paused);

    /** The guest finished sending: half-close once queued bytes are written. */
    void shutdownOutput();

    /** Closes the stream at once; no more listener calls follow. */
    void close();
}
