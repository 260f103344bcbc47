package dev.termpress.emulator.net;

/**
 * What the guest's network asks of the host: streams to a host address and port, and names. A backend
 * never blocks the caller: results come back as listener calls made from {@link #poll}, on the
 * machine's thread. The JVM's is {@code net.jvm.SocketBackend}; a browser backend can implement the
 * same without sockets (an HTTP proxy over fetch, names it knows).
 */
public interface NetworkBackend {

    /**
     * Starts a TCP connection to {@code address} (4 bytes, IPv4, the host's view: the guest's gateway
     * is already mapped to the host's loopback) and {@code port}. The listener hears
     * {@link StreamListener#connected} or {@link StreamListener#failed}.
     */
    HostStream connect(byte[] address, int port, StreamListener listener);

    /** Looks up the IPv4 addresses of {@code name}; the listener hears once. */
    void resolve(String name, NameListener listener);

    /** Runs the listener calls for what happened since the last poll; returns how many ran. */
    int poll();

    /**
     * Waits up to {@code nanos} for something for {@link #poll} to deliver (a host whose guest idles on
     * the instruction clock waits here rather than skip guest time past a reply); true if something is ready.
     */
    boolean await(long nanos) throws InterruptedException;

    /** Called from any thread whenever an event becomes ready, so a sleeping host loop wakes up. */
    void onEvent(Runnable wakeUp);

    /** Closes every stream and stops the backend's threads. */
    void close();

    /** Answers for the guest's DNS questions. */
    interface NameListener {

        /** The addresses found (4 bytes each, possibly none: the name has no IPv4 address). */
        void found(java.util.List<byte[]> addresses);

        /** The name does not exist (NXDOMAIN). */
        void notFound();

        /** The lookup failed for another reason (SERVFAIL). */
        void failed();
    }
}
