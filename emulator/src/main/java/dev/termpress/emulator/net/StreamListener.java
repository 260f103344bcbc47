package dev.termpress.emulator.net;

/** What a {@link HostStream}'s backend reports, from {@link NetworkBackend#poll}, on the machine's thread. */
public interface StreamListener {

    /** The host accepted the connection. */
    void connected();

    /**
     * The connection failed or broke: refused, unreachable, reset, or one of the backend's limits;
     * {@code reason} is for logs. The stream is closed.
     */
    void failed(String reason);

    /** Bytes from the host side; the stack copies them before returning. */
    void received(byte[] data, int offset, int length);

    /** The host side closed its sending half. */
    void endOfStream();

    /** Bytes queued by {@link HostStream#write} were taken, so the window may open again. */
    void drained();
}
