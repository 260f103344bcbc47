/**
 * The guest's network: a user-mode TCP/IP stack on the host side of the virtio-net device, written
 * from the RFCs (Ethernet, ARP RFC 826, IPv4 RFC 791, ICMP echo RFC 792, UDP RFC 768, DNS RFC 1035,
 * TCP RFC 9293). The guest sees one gateway; its TCP connections and DNS questions become calls on a
 * {@link dev.termpress.emulator.net.NetworkBackend}: host sockets on the JVM ({@code net.jvm}, never
 * reached by the browser build), something socket-free in the browser. Everything runs on the
 * machine's thread; nothing a guest sends can make the host throw.
 */
package dev.termpress.emulator.net;
