package dev.termpress.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guest's own network in the busybox image, as container runtimes set it up: loopback with
 * 127.0.0.1 and ::1, servers reachable by address and by "localhost", /etc/hosts, /etc/hostname and
 * a resolver that answers "no such host" at once. One boot for all: the checks leave each other alone.
 */
class GuestNetworkTest {

    private static final long BOOT_BUDGET = 400_000_000L;
    /** 1 s of guest time on the instruction clock: a resolver timeout (5 s) would not fit. */
    private static final long COMMAND_BUDGET = 100_000_000L;

    private static BusyboxGuest guest;

    @BeforeAll
    static void boot() throws Exception {
        guest = BusyboxGuest.boot("console=hvc0 quiet", "hostname web-demo\n");
        guest.type("echo booted-$((1+1))\n");
        guest.runUntil("booted-2", BOOT_BUDGET);
    }

    @Test
    void loopbackIsUpWithBothAddresses() {
        String lo = guest.command("ip addr show lo", COMMAND_BUDGET);

        assertThat(lo).contains("inet 127.0.0.1/8").contains("inet6 ::1/128").contains("UP");
        assertThat(guest.command("ifconfig lo", COMMAND_BUDGET)).contains("inet addr:127.0.0.1");
    }

    @Test
    void aServerAnswersByAddressAndByLocalhost() {
        guest.command("mkdir -p /tmp/www && echo served-page > /tmp/www/index.html && httpd -p 8080 -h /tmp/www",
                COMMAND_BUDGET);

        assertThat(guest.command("wget -qO- http://127.0.0.1:8080/", COMMAND_BUDGET)).contains("served-page");
        assertThat(guest.command("wget -qO- http://localhost:8080/", COMMAND_BUDGET)).contains("served-page");
        assertThat(guest.command("wget -qO- 'http://[::1]:8080/'", COMMAND_BUDGET)).contains("served-page");
    }

    @Test
    void ncInTheBackgroundAnswers() {
        String out = guest.command("nc -l -p 8081 -e echo nc-says-hi & sleep 0.2; nc 127.0.0.1 8081 </dev/null",
                COMMAND_BUDGET);

        assertThat(out).contains("nc-says-hi");
    }

    @Test
    void hostnameAgreesWithEtcHostsAndEtcHostname() {
        assertThat(guest.command("hostname", COMMAND_BUDGET)).contains("web-demo\r\n");
        assertThat(guest.command("cat /etc/hostname", COMMAND_BUDGET)).contains("web-demo\r\n");
        String hosts = guest.command("cat /etc/hosts", COMMAND_BUDGET);
        assertThat(hosts).contains("127.0.0.1\tlocalhost").contains("::1\tlocalhost").contains("\tweb-demo");
        assertThat(guest.command("ping -c 1 -W 1 \"$(hostname)\" | head -1", COMMAND_BUDGET))
                .contains("PING web-demo (127.0.1.1)");
    }

    @Test
    void unknownNamesFailAtOnceAsNoSuchHost() {
        assertThat(guest.command("cat /etc/resolv.conf", COMMAND_BUDGET)).contains("nameserver 127.0.0.53");
        assertThat(guest.command("nslookup example.com", COMMAND_BUDGET)).contains("NXDOMAIN");
        assertThat(guest.command("wget -qO- http://example.com/; echo status-$?", COMMAND_BUDGET))
                .contains("bad address 'example.com'").contains("status-1");
    }
}
