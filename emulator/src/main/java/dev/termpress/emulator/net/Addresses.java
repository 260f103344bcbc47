package dev.termpress.emulator.net;

/**
 * The guest's network, fixed as QEMU's user-mode network lays it out: the guest on 10.0.2.15/24, the
 * gateway 10.0.2.2 (which is the host: connections to it reach the host's loopback, so a test server on
 * 127.0.0.1 is reachable) and the DNS server 10.0.2.3. These addresses exist only between the guest and
 * this stack; the host never sends a packet to them.
 */
public final class Addresses {

    public static final int GUEST = 0x0a00_020f;
    public static final int GATEWAY = 0x0a00_0202;
    public static final int DNS = 0x0a00_0203;
    public static final int PREFIX_LENGTH = 24;
    public static final int NETWORK = GUEST & -(1 << (32 - PREFIX_LENGTH));
    /** The host's loopback, where connections to {@link #GATEWAY} go. */
    public static final int HOST_LOOPBACK = 0x7f00_0001;
    /** The name that resolves to {@link #GATEWAY}, as Docker's host.docker.internal does. */
    public static final String HOST_NAME = "host.termpress.internal";

    /** The guest's MAC (locally administered), also in the device's configuration space. */
    public static final byte[] GUEST_MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    /** The MAC the gateway and the DNS server answer ARP with. */
    public static final byte[] GATEWAY_MAC = {0x52, 0x55, 0x0a, 0x00, 0x02, 0x02};

    /** Dotted forms, for init.conf and /etc/resolv.conf. */
    public static final String GUEST_TEXT = "10.0.2.15";
    public static final String GATEWAY_TEXT = "10.0.2.2";
    public static final String DNS_TEXT = "10.0.2.3";

    private Addresses() {
    }

    /** Whether this stack answers for {@code address} (ARP, ICMP echo): the gateway and the DNS server. */
    static boolean ours(int address) {
        return address == GATEWAY || address == DNS;
    }

    /** Whether {@code address} is in the guest's own /24 (only our addresses exist there). */
    static boolean inGuestNetwork(int address) {
        return (address & -(1 << (32 - PREFIX_LENGTH))) == NETWORK;
    }
}
