/**
 * The JVM's network backend: the guest's TCP connections as host {@code SocketChannel}s driven by one
 * selector thread, names through the host's resolver on a helper thread. Only JVM hosts reference
 * this package, so TeaVM never reaches it (as {@code translate.jvm}).
 */
package dev.termpress.emulator.net.jvm;
