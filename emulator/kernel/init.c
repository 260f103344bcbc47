/*
 * termpress-init: PID 1 of the termpress guest, built into the kernel's initramfs.
 *
 * Built against the kernel's own nolibc (see build.sh), so it is a few KB with no libc.
 * It mounts /dev (devtmpfs), /proc and /sys, mounts the 9p root filesystem (virtio mount tag
 * "termpress") on /newroot, moves /dev /proc /sys into it and switches root to it (chdir, MS_MOVE
 * onto /, chroot: the initramfs cannot be pivot_root'ed). It then mounts tmpfs on /tmp, /run and
 * /dev/shm and devpts on /dev/pts, reads the optional configuration file below, sets the hostname
 * and starts the program in a new session whose controlling tty is the console, so job control
 * and Ctrl-C work. PID 1 stays init: it reaps orphans, and when the program exits it reports the
 * status and powers the machine off (SBI system reset), so `exit` ends the emulator cleanly.
 * Before that it writes the status (the exit code, or 128 + the signal number as shells report
 * it) as a decimal line to /.termpress/exit-status, where the host reads it from the 9p upper
 * layer after power-off, so `termpress run` can exit with the program's status.
 * Any failure prints "termpress-init: <what>: <errno>" and powers off instead of panicking.
 * It announces itself with "termpress-init: starting" unless the kernel command line has "quiet"
 * (the browser runtime and `termpress run` pass it, so readers see only their program).
 *
 * The guest's own network, as container runtimes set it up: the loopback interface is up with
 * 127.0.0.1/8 (the kernel adds ::1/128 itself), a stub resolver listens on 127.0.0.53:53 and
 * answers every query "no such name" at once (unless init.conf turns the network on, see
 * "network" below), and init writes
 * /etc/hostname, /etc/hosts (localhost for 127.0.0.1 and ::1, the hostname on 127.0.1.1) and
 * /etc/resolv.conf (nameserver 127.0.0.53) over the image's own files: they land in the 9p
 * server's writable upper layer, the published image is unchanged.
 *
 * Handshake with the host, so that a machine can be saved before anything per-block is read and
 * resumed later (build-time boot snapshots). init first does everything that does not depend on
 * the block (mounts, loopback, the stub resolver), then:
 *   1. switches the console to raw mode without echo and writes the ready marker
 *      ESC ] 5379 ; termpress-ready BEL   (an OSC sequence: terminals ignore it, hosts strip it);
 *   2. reads the console one byte at a time until the go message
 *      ESC ] 5379 ; termpress-go BEL      (anything before it is dropped; nothing after it is read);
 *      the host writes /.termpress/init.conf into the 9p upper layer before sending it;
 *   3. restores the console's mode and writes the started marker
 *      ESC ] 5379 ; termpress-started BEL
 *      from then on the console is as the kernel set it up, so the host sends the user's input
 *      (held until now) only after this marker: typed-ahead input is echoed and cooked as usual;
 *   4. reads init.conf and continues as before.
 * The host side is dev.termpress.emulator.guest.InitHandshake.
 *
 * Configuration: /.termpress/init.conf in the root filesystem (the host's 9p server provides it;
 * it is optional). One setting per line: a key, one space, then the value verbatim to the end of
 * the line (no quoting, no escapes; a value cannot contain a newline). Empty lines and lines
 * starting with '#' are ignored. Keys:
 *
 *   hostname NAME      the hostname (default "termpress")
 *   env KEY=VALUE      an environment variable, repeatable, in order (OCI Env). PATH, HOME and
 *                      TERM get defaults when not given (HOME from /etc/passwd, else "/")
 *   workdir DIR        the working directory (OCI WorkingDir), created if missing (default "/")
 *   user SPEC          USER[:GROUP], each a name or a number (OCI User; default 0:0). Names are
 *                      looked up in the image's /etc/passwd and /etc/group; supplementary groups
 *                      are the /etc/group entries that list the user
 *   arg WORD           one element of argv, repeatable, in order (OCI Entrypoint then Cmd;
 *                      default "/bin/sh"). A first word without '/' is searched in PATH
 *   winsize COLSxROWS  the console's window size, e.g. 120x40 (default: what the console
 *                      reports, or 80x24 when it reports none)
 *   realtime S.N       the wall-clock time, seconds and nanoseconds (9 digits) since the Unix
 *                      epoch: init sets CLOCK_REALTIME from it (a resumed machine would otherwise
 *                      show the date it was saved at)
 *   seed HEX           at least 32 random bytes (64 hex digits, at most 512 bytes): init writes
 *                      them to /dev/urandom and forces a reseed (RNDRESEEDCRNG), so machines
 *                      resumed from one saved state never share random numbers
 *   network ADDR/PREFIX GATEWAY DNS
 *                      turns the outside network on (the host's user-mode stack behind the
 *                      virtio-net device), e.g. "network 10.0.2.15/24 10.0.2.2 10.0.2.3": eth0
 *                      up with that address, a default route through GATEWAY, and
 *                      /etc/resolv.conf naming DNS instead of the stub resolver. Without it eth0
 *                      stays down and names get "no such host" from the stub
 *
 * Example:
 *   hostname demo
 *   env PATH=/usr/local/bin:/usr/bin:/bin
 *   env TERM=xterm-256color
 *   workdir /root
 *   user root
 *   arg /bin/bash
 *   arg -l
 */

/* nolibc.h comes first through -include (see build.sh); these add what it lacks. */
#include <asm/termios.h> /* struct winsize, TIOCSCTTY, TIOCGWINSZ, TIOCSWINSZ */
#include <linux/reboot.h> /* LINUX_REBOOT_CMD_POWER_OFF */
#include <linux/mount.h>  /* MS_MOVE and the other mount flags */
#include <linux/prctl.h>  /* PR_SET_NAME */
#include <linux/random.h> /* RNDRESEEDCRNG */
#include <linux/sockios.h> /* SIOCSIFADDR, SIOCGIFFLAGS, SIOCSIFFLAGS */

#define CONF_PATH "/.termpress/init.conf"
#define EXIT_STATUS_PATH "/.termpress/exit-status"
#define SIGNAL_STATUS_BASE 128 /* a shell's $? for a program killed by signal N is 128 + N */
#define ROOT_TAG "termpress"
#define ROOT_OPTIONS "trans=virtio,version=9p2000.L,msize=262144,cache=loose"
#define NEW_ROOT "/newroot"
#define DEFAULT_HOSTNAME "termpress"
#define DEFAULT_PATH "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#define DEFAULT_TERM "TERM=xterm-256color"
#define FILE_LIMIT 65536 /* init.conf, /etc/passwd and /etc/group are read up to this size */
#define MAX_ARGS 256
#define MAX_ENV 256
#define MAX_GROUPS 64
#define DEFAULT_COLUMNS 80
#define DEFAULT_ROWS 24
#define MAX_WINSIZE 9999
#define MIN_SEED_BYTES 32
#define MAX_SEED_BYTES 512
/* The handshake's messages (see the top of this file): OSC 5379, which terminals ignore. */
#define READY_MARKER "\033]5379;termpress-ready\007"
#define GO_MESSAGE "\033]5379;termpress-go\007"
#define STARTED_MARKER "\033]5379;termpress-started\007"
/* Networking constants from the socket API (nolibc has no socket headers). */
#define AF_INET 2
#define SOCK_DGRAM 2
#define IFF_UP 0x1
#define IFF_RUNNING 0x40
#define LOOPBACK_ADDRESS 0x7f000001 /* 127.0.0.1 */
#define STUB_RESOLVER_ADDRESS 0x7f000035 /* 127.0.0.53, where systemd's stub listens too */
#define STUB_RESOLVER_ADDRESS_TEXT "127.0.0.53"
#define DNS_PORT 53
#define DNS_HEADER_BYTES 12
#define DNS_RCODE_FORMERR 1
#define DNS_RCODE_NXDOMAIN 3
#define DNS_RCODE_NOTIMP 4

static char conf_text[FILE_LIMIT + 1];
static char db_text[FILE_LIMIT + 1];
static char *hostname = DEFAULT_HOSTNAME;
static char *workdir = "/";
static char *user_spec = "0:0";
static struct winsize window; /* all zero unless init.conf has winsize */
static char *realtime; /* init.conf's realtime value, or 0 */
static char *seed; /* init.conf's seed value, or 0 */
static char *network; /* init.conf's network value, or 0 */
static char resolver_line[40] = "nameserver " STUB_RESOLVER_ADDRESS_TEXT "\n";
static char *args[MAX_ARGS + 1];
static int arg_count;
static char *envs[MAX_ENV + 4];
static int env_count;

/* ---- messages and failure -------------------------------------------------------------- */

/* Writes one "termpress-init: ..." line to stderr (the console); null parts are skipped. */
static void say7(const char *a, const char *b, const char *c, const char *d, const char *e,
		 const char *f, const char *g)
{
	const char *parts[] = { "termpress-init: ", a, b, c, d, e, f, g, "\n" };
	unsigned int i;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i])
			write(2, parts[i], strlen(parts[i]));
}

static void say(const char *a, const char *b, const char *c, const char *d)
{
	say7(a, b, c, d, 0, 0, 0);
}

static const char *errno_name(int err)
{
	switch (err) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EIO: return "EIO";
	case EBADF: return "EBADF";
	case ENXIO: return "ENXIO";
	case E2BIG: return "E2BIG";
	case ENOEXEC: return "ENOEXEC";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case ENODEV: return "ENODEV";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case EINVAL: return "EINVAL";
	case ENOTTY: return "ENOTTY";
	case ENOSPC: return "ENOSPC";
	case EROFS: return "EROFS";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ELOOP: return "ELOOP";
	case EADDRINUSE: return "EADDRINUSE";
	case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
	default: return "errno";
	}
}

static void power_off(void)
{
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	say("power off failed: ", errno_name(errno), ", halting", 0);
	for (;;)
		select(0, 0, 0, 0, 0);
}

/* Ends after an error: the child exits 127 (PID 1 reports it), PID 1 powers off. */
static void stop(void)
{
	if (getpid() != 1)
		exit(127);
	power_off();
}

/*
 * Prints "termpress-init: <what>: <errno>" and powers off: PID 1 must never exit. In the child
 * that becomes the program, it exits 127 instead; PID 1 then reports that and powers off.
 */
static void fail(const char *what, const char *detail, int err)
{
	char number[24] = " (";

	int len = 2 + itoa_r(err, number + 2);

	number[len] = ')';
	number[len + 1] = 0;
	say7(what, detail, ": ", errno_name(err), number, 0, 0);
	stop();
}

/* For nolibc wrappers: they return -1 and set errno. */
static void must(int result, const char *what, const char *detail)
{
	if (result < 0)
		fail(what, detail, errno);
}

/* For raw my_syscallN() calls: they return -errno. */
static void must_raw(long result, const char *what, const char *detail)
{
	if (result < 0)
		fail(what, detail, (int)-result);
}

/* ---- small helpers -------------------------------------------------------------------- */

/* Reads a whole file into buf (NUL-terminated); returns its length or -1 with errno set. */
static int read_file(const char *path, char *buf, int limit)
{
	int fd = open(path, O_RDONLY, 0);
	int len = 0;
	int n;

	if (fd < 0)
		return -1;
	while (len < limit && (n = read(fd, buf + len, limit - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return len;
}

/* Creates a directory and its parents; existing ones are fine. */
static int make_dirs(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0755) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

static void ensure_dir(const char *path, int mode)
{
	if (mkdir(path, mode) < 0 && errno != EEXIST)
		fail("mkdir ", path, errno);
}

/* Cuts the text at *cursor at the next separator (or its end) and moves *cursor past it. */
static char *take_token(char **cursor, char separator)
{
	char *token = *cursor;
	char *end = strchr(token, separator);

	if (end) {
		*end = 0;
		*cursor = end + 1;
	} else {
		*cursor = token + strlen(token);
	}
	return token;
}

/* True when the kernel command line (/proc/cmdline, mounted by now) holds word as a whole word. */
static int cmdline_has(const char *word)
{
	char line[1024];
	char *cursor = line;
	int len = read_file("/proc/cmdline", line, sizeof(line) - 1);

	if (len <= 0)
		return 0;
	if (line[len - 1] == '\n')
		line[len - 1] = 0;
	while (*cursor)
		if (strcmp(take_token(&cursor, ' '), word) == 0)
			return 1;
	return 0;
}

static int is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* ---- mounts and switching root -------------------------------------------------------- */

static void mount_early(void)
{
	must(mount("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755"), "mount ", "/dev");
	must(mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, 0), "mount ", "/proc");
	must(mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, 0), "mount ", "/sys");
}

static void switch_root(void)
{
	must(mount(ROOT_TAG, NEW_ROOT, "9p", 0, ROOT_OPTIONS), "mount 9p root (tag " ROOT_TAG ") on ", NEW_ROOT);
	ensure_dir(NEW_ROOT "/dev", 0755);
	ensure_dir(NEW_ROOT "/proc", 0555);
	ensure_dir(NEW_ROOT "/sys", 0555);
	must(mount("/dev", NEW_ROOT "/dev", 0, MS_MOVE, 0), "move ", "/dev");
	must(mount("/proc", NEW_ROOT "/proc", 0, MS_MOVE, 0), "move ", "/proc");
	must(mount("/sys", NEW_ROOT "/sys", 0, MS_MOVE, 0), "move ", "/sys");
	must(chdir(NEW_ROOT), "chdir ", NEW_ROOT);
	must(mount(".", "/", 0, MS_MOVE, 0), "move new root onto ", "/");
	must(chroot("."), "chroot ", NEW_ROOT);
	must(chdir("/"), "chdir ", "/");
}

static void mount_late(void)
{
	ensure_dir("/tmp", 01777);
	must(mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777"), "mount ", "/tmp");
	ensure_dir("/run", 0755);
	must(mount("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755"), "mount ", "/run");
	ensure_dir("/dev/pts", 0755);
	must(mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "gid=5,mode=0620,ptmxmode=0666"),
	     "mount ", "/dev/pts");
	ensure_dir("/dev/shm", 01777);
	must(mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777"), "mount ", "/dev/shm");
}

/* ---- the guest's own network: loopback and a stub resolver ---------------------------- */

/* struct sockaddr_in and struct ifreq as the kernel lays them out (nolibc has no socket headers). */
struct inet_address {
	unsigned short family;
	unsigned short port;    /* network byte order */
	unsigned int address;   /* network byte order */
	unsigned char zero[8];
};

struct interface_request {
	char name[16];
	union {
		struct inet_address address;
		short flags;
		char size[24];
	} u;
};

static unsigned int big_endian32(unsigned int value)
{
	return __builtin_bswap32(value);
}

static unsigned short big_endian16(unsigned short value)
{
	return (unsigned short)(value << 8 | value >> 8);
}

static long inet_socket(void)
{
	long sock = my_syscall3(__NR_socket, AF_INET, SOCK_DGRAM, 0);

	must_raw(sock, "socket", 0);
	return sock;
}

/* lo up with 127.0.0.1 (SIOCSIFADDR gives 127/8 its class-A prefix); the kernel adds ::1 itself. */
static void loopback_up(void)
{
	struct interface_request request;
	long sock = inet_socket();

	memset(&request, 0, sizeof(request));
	strcpy(request.name, "lo");
	request.u.address.family = AF_INET;
	request.u.address.address = big_endian32(LOOPBACK_ADDRESS);
	must(ioctl(sock, SIOCSIFADDR, &request), "SIOCSIFADDR on ", "lo");
	must(ioctl(sock, SIOCGIFFLAGS, &request), "SIOCGIFFLAGS on ", "lo");
	request.u.flags |= IFF_UP | IFF_RUNNING;
	must(ioctl(sock, SIOCSIFFLAGS, &request), "SIOCSIFFLAGS on ", "lo");
	close(sock);
}

/* struct rtentry as the kernel lays it out on 64-bit, for SIOCADDRT. */
struct route_entry {
	unsigned long pad1;
	struct inet_address destination;
	struct inet_address gateway;
	struct inet_address mask;
	unsigned short flags;
	short pad2;
	unsigned long pad3;
	void *pad4;
	short metric;
	char *device;
	unsigned long mtu;
	unsigned long window;
	unsigned short initial_rtt;
};

#define ROUTE_UP 0x1      /* RTF_UP */
#define ROUTE_GATEWAY 0x2 /* RTF_GATEWAY */

/* Parses a dotted IPv4 address from *cursor up to stop (or the end); returns 0 when malformed. */
static int parse_ipv4(char **cursor, char stop, unsigned int *address)
{
	unsigned int value = 0;
	int part, digits;
	char *c = *cursor;

	for (part = 0; part < 4; part++) {
		unsigned int octet = 0;

		for (digits = 0; *c >= '0' && *c <= '9' && digits < 3; digits++)
			octet = octet * 10 + (*c++ - '0');
		if (!digits || octet > 255 || (part < 3 && *c++ != '.'))
			return 0;
		value = value << 8 | octet;
	}
	if (*c != stop)
		return 0;
	*cursor = *c ? c + 1 : c;
	*address = value;
	return 1;
}

/* Parses "ADDR/PREFIX GATEWAY DNS"; returns 0 when malformed. */
static int parse_network(char *value, unsigned int *address, int *prefix, unsigned int *gateway,
			 unsigned int *dns)
{
	char *c = value;

	if (!parse_ipv4(&c, '/', address))
		return 0;
	if (*c < '0' || *c > '9')
		return 0;
	*prefix = 0;
	while (*c >= '0' && *c <= '9' && *prefix <= 32)
		*prefix = *prefix * 10 + (*c++ - '0');
	if (*prefix < 1 || *prefix > 30 || *c++ != ' ')
		return 0;
	return parse_ipv4(&c, ' ', gateway) && parse_ipv4(&c, 0, dns);
}

static int set_interface_address(long sock, int request_code, unsigned int address)
{
	struct interface_request request;

	memset(&request, 0, sizeof(request));
	strcpy(request.name, "eth0");
	request.u.address.family = AF_INET;
	request.u.address.address = big_endian32(address);
	return ioctl(sock, request_code, &request);
}

/* A failure to bring the network up is reported, and the program starts without it. */
static void network_failed(const char *what)
{
	say("network: ", what, " on eth0: ", errno_name(errno));
}

/* eth0 up with init.conf's address, the default route through its gateway, resolv.conf to its DNS. */
static void network_up(void)
{
	unsigned int address, gateway, dns, mask;
	struct interface_request request;
	struct route_entry route;
	int prefix;
	long sock;

	parse_network(network, &address, &prefix, &gateway, &dns); /* checked in read_conf */
	mask = ~0u << (32 - prefix);
	sock = inet_socket();
	if (set_interface_address(sock, SIOCSIFADDR, address) < 0) {
		network_failed("SIOCSIFADDR");
		goto out;
	}
	if (set_interface_address(sock, SIOCSIFNETMASK, mask) < 0) {
		network_failed("SIOCSIFNETMASK");
		goto out;
	}
	memset(&request, 0, sizeof(request));
	strcpy(request.name, "eth0");
	if (ioctl(sock, SIOCGIFFLAGS, &request) < 0) {
		network_failed("SIOCGIFFLAGS");
		goto out;
	}
	request.u.flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(sock, SIOCSIFFLAGS, &request) < 0) {
		network_failed("SIOCSIFFLAGS");
		goto out;
	}
	memset(&route, 0, sizeof(route));
	route.destination.family = AF_INET;
	route.mask.family = AF_INET;
	route.gateway.family = AF_INET;
	route.gateway.address = big_endian32(gateway);
	route.flags = ROUTE_UP | ROUTE_GATEWAY;
	if (ioctl(sock, SIOCADDRT, &route) < 0) {
		network_failed("SIOCADDRT (default route)");
		goto out;
	}
	strcpy(resolver_line, "nameserver ");
	strncat(resolver_line, strrchr(network, ' ') + 1, 16); /* a dotted address: at most 15 */
	strncat(resolver_line, "\n", 1);
out:
	close(sock);
}

/* The end of the single question of a DNS query of n bytes, or -1 when it is malformed. */
static long dns_question_end(const unsigned char *packet, long n)
{
	long i = DNS_HEADER_BYTES;

	for (;;) {
		if (i >= n)
			return -1;
		if (packet[i] == 0)
			break;
		if (packet[i] > 63) /* a compression pointer has no place in a query's question */
			return -1;
		i += 1 + packet[i];
	}
	i += 1 + 4; /* the root label, QTYPE and QCLASS */
	return i <= n ? i : -1;
}

/*
 * Turns the query in packet into its answer in place: "no such name" (NXDOMAIN) for a query with
 * one question, the question echoed and nothing else (the query's EDNS record is dropped). Returns
 * the answer's length, or 0 when the packet is no query and gets no answer.
 */
static long dns_answer(unsigned char *packet, long n)
{
	int opcode = (packet[2] >> 3) & 0xf;
	int questions = packet[4] << 8 | packet[5];
	long end = DNS_HEADER_BYTES;
	int rcode = DNS_RCODE_NXDOMAIN;

	if (packet[2] & 0x80)
		return 0;
	if (opcode != 0) {
		rcode = DNS_RCODE_NOTIMP;
		questions = 0;
	} else if (questions != 1 || (end = dns_question_end(packet, n)) < 0) {
		rcode = DNS_RCODE_FORMERR;
		questions = 0;
		end = DNS_HEADER_BYTES;
	}
	packet[2] = 0x80 | (packet[2] & 0x79); /* QR, the opcode and RD kept; AA and TC clear */
	packet[3] = 0x80 | rcode;              /* RA */
	packet[4] = 0;
	packet[5] = questions;
	memset(packet + 6, 0, 6);              /* no answer, authority or additional records */
	return end;
}

/* The stub resolver's loop, in a child of PID 1 in its own session. */
static void serve_dns(void)
{
	static unsigned char packet[512];
	struct inet_address address;
	unsigned int peer_length;
	long sock = inet_socket();
	long n;

	memset(&address, 0, sizeof(address));
	address.family = AF_INET;
	address.port = big_endian16(DNS_PORT);
	address.address = big_endian32(STUB_RESOLVER_ADDRESS);
	must_raw(my_syscall3(__NR_bind, sock, &address, sizeof(address)), "bind ", STUB_RESOLVER_ADDRESS_TEXT ":53");
	for (;;) {
		peer_length = sizeof(address);
		n = my_syscall6(__NR_recvfrom, sock, packet, sizeof(packet), 0, &address, &peer_length);
		if (n < DNS_HEADER_BYTES)
			continue;
		n = dns_answer(packet, n);
		if (n > 0)
			my_syscall6(__NR_sendto, sock, packet, n, 0, &address, peer_length);
	}
}

static void start_stub_resolver(void)
{
	int pid = fork();

	must(pid, "fork", " (stub resolver)");
	if (pid)
		return;
	setsid();
	my_syscall5(__NR_prctl, PR_SET_NAME, "termpress-dns", 0, 0, 0);
	close(0);
	close(1);
	serve_dns();
}

/* ---- handshake with the host (see the top of this file) ------------------------------- */

static void write_text(int fd, const char *text)
{
	write(fd, text, strlen(text));
}

static void handshake(void)
{
	const char *go = GO_MESSAGE;
	struct termios saved, raw;
	int matched = 0;
	char c;
	int n;

	must(ioctl(0, TCGETS, &saved), "TCGETS on ", "console");
	raw = saved;
	raw.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	raw.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	must(ioctl(0, TCSETS, &raw), "TCSETS on ", "console");
	write_text(1, READY_MARKER);
	/* One byte at a time: what follows the go message is the user's and stays in the tty. */
	while (go[matched]) {
		n = read(0, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			fail("read ", "console (waiting for the host's go message)", n < 0 ? errno : EIO);
		matched = c == go[matched] ? matched + 1 : c == go[0] ? 1 : 0;
	}
	must(ioctl(0, TCSETS, &saved), "TCSETS on ", "console");
	write_text(1, STARTED_MARKER);
}

/* ---- what init.conf hands a resumed machine: the time and fresh entropy --------------- */

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "SECONDS.NANOS" with 1 to 18 digits of seconds and exactly 9 of nanoseconds. */
static int valid_realtime(const char *value)
{
	const char *dot = strchr(value, '.');

	if (!dot || dot == value || dot - value > 18 || strlen(dot + 1) != 9)
		return 0;
	for (; value < dot; value++)
		if (*value < '0' || *value > '9')
			return 0;
	return is_number(dot + 1);
}

static int valid_seed(const char *value)
{
	int length = strlen(value);
	int i;

	if (length % 2 || length < 2 * MIN_SEED_BYTES || length > 2 * MAX_SEED_BYTES)
		return 0;
	for (i = 0; i < length; i++)
		if (hex_digit(value[i]) < 0)
			return 0;
	return 1;
}

static void apply_realtime(void)
{
	struct timespec now;
	long result;

	if (!realtime)
		return;
	now.tv_sec = atol(realtime);
	now.tv_nsec = atol(strchr(realtime, '.') + 1);
	/* A wrong clock is no reason to stop: the kernel refuses a time before the boot (EINVAL). */
	result = my_syscall2(__NR_clock_settime, CLOCK_REALTIME, &now);
	if (result < 0)
		say("clock_settime ", realtime, ": ", errno_name((int)-result));
}

/* Mixes the seed into the input pool, then makes the CRNG draw from it now (not at its next reseed). */
static void apply_seed(void)
{
	static unsigned char bytes[MAX_SEED_BYTES];
	int length, i, fd;

	if (!seed)
		return;
	length = strlen(seed) / 2;
	for (i = 0; i < length; i++)
		bytes[i] = hex_digit(seed[2 * i]) << 4 | hex_digit(seed[2 * i + 1]);
	fd = open("/dev/urandom", O_WRONLY, 0);
	must(fd, "open ", "/dev/urandom");
	must(write(fd, bytes, length) == length ? 0 : -1, "write ", "/dev/urandom");
	/* ENODATA: the CRNG is not seeded yet, so its first seeding takes the pool, seed included. */
	if (ioctl(fd, RNDRESEEDCRNG, 0) < 0 && errno != ENODATA)
		fail("RNDRESEEDCRNG on ", "/dev/urandom", errno);
	close(fd);
	memset(bytes, 0, sizeof(bytes));
}

/* ---- the files a container runtime provides ------------------------------------------- */

/* Replaces the image's file (never following a symlink it may be) with the given text. */
static void provide_file(const char *path, const char *a, const char *b, const char *c)
{
	const char *parts[] = { a, b, c };
	unsigned int i;
	int fd;

	if (unlink(path) < 0 && errno != ENOENT) {
		say("cannot replace ", path, ": ", errno_name(errno));
		return;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		say("cannot write ", path, ": ", errno_name(errno));
		return;
	}
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i])
			write_text(fd, parts[i]);
	close(fd);
}

static void provide_container_files(void)
{
	if (mkdir("/etc", 0755) < 0 && errno != EEXIST) {
		say("cannot create /etc: ", errno_name(errno), 0, 0);
		return;
	}
	provide_file("/etc/hostname", hostname, "\n", 0);
	provide_file("/etc/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t",
		     hostname, "\n");
	provide_file("/etc/resolv.conf",
		     network ? "# termpress: the host's resolver, through its network stack\n"
			     : "# termpress: no outside network; this resolver answers every name \"no such host\"\n",
		     resolver_line, 0);
}

/* ---- configuration -------------------------------------------------------------------- */

static void conf_error(int line, const char *what, const char *value)
{
	char number[24];

	itoa_r(line, number);
	if (value)
		say7(CONF_PATH ":", number, ": ", what, ", got \"", value, "\"");
	else
		say(CONF_PATH ":", number, ": ", what);
	power_off();
}

/* Parses "COLSxROWS" into window; returns 0 when malformed or out of range. */
static int parse_winsize(const char *value)
{
	char *rows = strchr(value, 'x');
	char columns[8];
	long c, r;

	if (!rows || rows - value >= (long)sizeof(columns) || !is_number(rows + 1))
		return 0;
	memcpy(columns, value, rows - value);
	columns[rows - value] = 0;
	if (!is_number(columns))
		return 0;
	c = atol(columns);
	r = atol(rows + 1);
	if (c < 1 || c > MAX_WINSIZE || r < 1 || r > MAX_WINSIZE)
		return 0;
	window.ws_col = c;
	window.ws_row = r;
	return 1;
}

static void read_conf(void)
{
	char *cursor = conf_text;
	char *line, *value;
	int number = 0;

	if (read_file(CONF_PATH, conf_text, FILE_LIMIT) < 0) {
		if (errno != ENOENT)
			fail("read ", CONF_PATH, errno);
		return;
	}
	while (*cursor) {
		line = take_token(&cursor, '\n');
		number++;
		if (!*line || *line == '#')
			continue;
		value = strchr(line, ' ');
		if (!value)
			conf_error(number, "expected \"KEY VALUE\" with KEY one of hostname, env, workdir, user, arg, winsize, realtime, seed, network",
				   line);
		*value++ = 0;
		if (!strcmp(line, "hostname"))
			hostname = value;
		else if (!strcmp(line, "workdir"))
			workdir = value;
		else if (!strcmp(line, "user"))
			user_spec = value;
		else if (!strcmp(line, "winsize")) {
			if (!parse_winsize(value))
				conf_error(number, "winsize needs COLSxROWS, each 1 to 9999, e.g. 80x24", value);
		} else if (!strcmp(line, "realtime")) {
			if (!valid_realtime(value))
				conf_error(number, "realtime needs SECONDS.NANOS with 9 digits of nanoseconds", value);
			realtime = value;
		} else if (!strcmp(line, "network")) {
			unsigned int address, gateway, dns;
			int prefix;

			if (!parse_network(value, &address, &prefix, &gateway, &dns))
				conf_error(number, "network needs ADDR/PREFIX GATEWAY DNS, e.g. 10.0.2.15/24 10.0.2.2 10.0.2.3",
					   value);
			network = value;
		} else if (!strcmp(line, "seed")) {
			if (!valid_seed(value))
				conf_error(number, "seed needs 64 to 1024 hex digits, an even number", value);
			seed = value;
		}
		else if (!strcmp(line, "env")) {
			if (!strchr(value, '=') || *value == '=')
				conf_error(number, "env needs KEY=VALUE", value);
			if (env_count == MAX_ENV)
				conf_error(number, "too many env lines (at most 256)", 0);
			envs[env_count++] = value;
		} else if (!strcmp(line, "arg")) {
			if (arg_count == MAX_ARGS)
				conf_error(number, "too many arg lines (at most 256)", 0);
			args[arg_count++] = value;
		} else
			conf_error(number, "unknown key (valid: hostname, env, workdir, user, arg, winsize, realtime, seed, network)", line);
	}
}

static const char *env_value(const char *name)
{
	int len = strlen(name);
	int i;

	for (i = 0; i < env_count; i++)
		if (!strncmp(envs[i], name, len) && envs[i][len] == '=')
			return envs[i] + len + 1;
	return 0;
}

/* ---- user and groups (OCI User: name or number, optional :group) ---------------------- */

struct identity {
	unsigned int uid;
	unsigned int gid;
	char *name; /* the user's name when /etc/passwd knows it, else 0 */
	char *home;
	unsigned int groups[MAX_GROUPS];
	int group_count;
};

/* Splits a passwd/group line into up to max ':'-separated fields; returns the field count. */
static int split_fields(char *line, char **fields, int max)
{
	int count = 1;

	fields[0] = line;
	for (; *line && count < max; line++)
		if (*line == ':') {
			*line = 0;
			fields[count++] = line + 1;
		}
	return count;
}

/* Finds the passwd entry whose name (by_name) or uid matches; fills name, uid, gid and home. */
static int lookup_passwd(const char *user, int by_name, struct identity *id)
{
	char *cursor = db_text;
	char *f[7];

	if (read_file("/etc/passwd", db_text, FILE_LIMIT) < 0)
		return 0;
	while (*cursor) {
		if (split_fields(take_token(&cursor, '\n'), f, 7) < 7)
			continue;
		if (by_name ? strcmp(f[0], user) != 0 : strcmp(f[2], user) != 0)
			continue;
		id->name = strdup(f[0]);
		id->uid = atoi(f[2]);
		id->gid = atoi(f[3]);
		id->home = strdup(f[5]);
		return 1;
	}
	return 0;
}

/* Resolves a group name to its gid, and collects the supplementary groups listing id->name. */
static int scan_groups(const char *group_name, unsigned int *gid, struct identity *id)
{
	char *cursor = db_text;
	char *f[4], *members, *member;
	int found = 0;

	if (read_file("/etc/group", db_text, FILE_LIMIT) < 0)
		return 0;
	while (*cursor) {
		if (split_fields(take_token(&cursor, '\n'), f, 4) < 4)
			continue;
		if (group_name && !strcmp(f[0], group_name)) {
			*gid = atoi(f[2]);
			found = 1;
		}
		for (members = f[3]; id->name && *members;) {
			member = take_token(&members, ',');
			if (!strcmp(member, id->name) && id->group_count < MAX_GROUPS)
				id->groups[id->group_count++] = atoi(f[2]);
		}
	}
	return found;
}

static void resolve_user(struct identity *id)
{
	char *spec = strdup(user_spec);
	char *group = strchr(spec, ':');
	int known, found_group;

	if (group)
		*group++ = 0;
	id->uid = id->gid = 0;
	id->name = 0;
	id->home = "/";
	id->group_count = 0;
	if (is_number(spec)) {
		id->uid = atoi(spec);
		known = lookup_passwd(spec, 0, id);
	} else {
		known = lookup_passwd(spec, 1, id);
		if (!known) {
			say("user \"", spec, "\" is not in /etc/passwd (", CONF_PATH " user)");
			stop();
		}
	}
	if (!known)
		id->gid = 0;
	found_group = scan_groups(group && !is_number(group) ? group : 0, &id->gid, id);
	if (group && is_number(group))
		id->gid = atoi(group);
	else if (group && !found_group) {
		say("group \"", group, "\" is not in /etc/group (", CONF_PATH " user)");
		stop();
	}
}

static void become(const struct identity *id)
{
	must_raw(my_syscall2(__NR_setgroups, id->group_count, id->groups), "setgroups", 0);
	must_raw(my_syscall3(__NR_setresgid, id->gid, id->gid, id->gid), "setresgid", 0);
	must_raw(my_syscall3(__NR_setresuid, id->uid, id->uid, id->uid), "setresuid", 0);
}

/* ---- starting the program ------------------------------------------------------------- */

/* The tty behind /dev/console (the last name in /sys/class/tty/console/active), for job control. */
static int open_console(void)
{
	static char active[128];
	static char path[160] = "/dev/";
	int len = read_file("/sys/class/tty/console/active", active, sizeof(active) - 1);
	char *name = active;
	char *p;
	int fd;

	while (len > 0 && (active[len - 1] == '\n' || active[len - 1] == ' '))
		active[--len] = 0;
	for (p = active; len > 0 && *p; p++)
		if (*p == ' ')
			name = p + 1;
	if (len > 0 && *name) {
		strcpy(path + 5, name);
		fd = open(path, O_RDWR, 0);
		if (fd >= 0)
			return fd;
	}
	return open("/dev/console", O_RDWR, 0);
}

/* Applies init.conf's winsize; a console that reports no size gets 80x24 for full-screen programs. */
static void set_window_size(int tty)
{
	struct winsize current;

	if (!window.ws_col) {
		if (ioctl(tty, TIOCGWINSZ, &current) == 0 && current.ws_col && current.ws_row)
			return;
		window.ws_col = DEFAULT_COLUMNS;
		window.ws_row = DEFAULT_ROWS;
	}
	must(ioctl(tty, TIOCSWINSZ, &window), "TIOCSWINSZ on ", "console");
}

static void complete_env(const struct identity *id)
{
	static char home[4096 + 6];

	if (!env_value("PATH"))
		envs[env_count++] = DEFAULT_PATH;
	if (!env_value("HOME")) {
		strcpy(home, "HOME=");
		strncat(home, id->home && *id->home ? id->home : "/", 4096);
		envs[env_count++] = home;
	}
	if (!env_value("TERM"))
		envs[env_count++] = DEFAULT_TERM;
	envs[env_count] = 0;
}

/* execve, searching PATH (from the program's environment) when argv[0] has no '/'. */
static void exec_program(void)
{
	static char candidate[4096];
	const char *path = env_value("PATH");
	const char *dir, *end;
	int saved = ENOENT;

	if (strchr(args[0], '/')) {
		execve(args[0], args, envs);
		fail("exec ", args[0], errno);
	}
	for (dir = path; dir && *dir; dir = *end ? end + 1 : end) {
		end = strchr(dir, ':');
		if (!end)
			end = dir + strlen(dir);
		if (end - dir + strlen(args[0]) + 2 > sizeof(candidate))
			continue;
		memcpy(candidate, dir, end - dir);
		candidate[end - dir] = '/';
		strcpy(candidate + (end - dir) + 1, args[0]);
		execve(candidate, args, envs);
		if (errno != ENOENT && errno != ENOTDIR)
			saved = errno;
	}
	fail("exec ", args[0], saved);
}

/* Runs in the child: new session, console as controlling tty and stdio, identity, workdir. */
static void start_program(void)
{
	struct identity id;
	int tty;

	must(setsid(), "setsid", 0);
	tty = open_console();
	must(tty, "open ", "console");
	must(ioctl(tty, TIOCSCTTY, 0), "TIOCSCTTY on ", "console");
	must(dup2(tty, 0), "dup2 ", "stdin");
	must(dup2(tty, 1), "dup2 ", "stdout");
	must(dup2(tty, 2), "dup2 ", "stderr");
	set_window_size(tty);
	if (tty > 2)
		close(tty);
	resolve_user(&id);
	complete_env(&id);
	if (chdir(workdir) < 0) {
		char *copy = strdup(workdir);

		if (errno != ENOENT || *workdir != '/' || make_dirs(copy) < 0 || chdir(workdir) < 0)
			fail("workdir ", workdir, errno);
	}
	become(&id);
	exec_program();
}

/* Leaves the program's status for the host; best effort, since power-off follows anyway. */
static void record_exit_status(int code)
{
	char line[24];
	int fd = open(EXIT_STATUS_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int length;

	if (fd < 0)
		return;
	itoa_r(code, line);
	length = strlen(line);
	line[length++] = '\n';
	write(fd, line, length);
	my_syscall1(__NR_fsync, fd); /* the 9p mount caches: the host must see it before power-off */
	close(fd);
}

/* PID 1 after the fork: reap every child; when the program ends, report and power off. */
static void wait_for(int program)
{
	char number[24];
	int status, pid;

	for (;;) {
		pid = waitpid(-1, &status, 0);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			fail("wait", 0, errno);
		if (pid != program)
			continue;
		if ((status & 0x7f) == 0) {
			record_exit_status(WEXITSTATUS(status));
			itoa_r(WEXITSTATUS(status), number);
			say(args[0], " exited with status ", number, ", powering off");
		} else {
			record_exit_status(SIGNAL_STATUS_BASE + (status & 0x7f));
			itoa_r(status & 0x7f, number);
			say(args[0], " killed by signal ", number, ", powering off");
		}
		power_off();
	}
}

int main(void)
{
	long hostname_length;
	int program;

	mount_early();
	if (!cmdline_has("quiet"))
		say("starting", 0, 0, 0);
	switch_root();
	mount_late();
	loopback_up();
	start_stub_resolver();
	/* Nothing above depends on the block: a saved machine resumes in here. */
	handshake();
	read_conf();
	apply_realtime();
	apply_seed();
	if (arg_count == 0)
		args[arg_count++] = "/bin/sh";
	args[arg_count] = 0;
	/* Computed first: a function call inside my_syscallN() clobbers its argument registers. */
	hostname_length = strlen(hostname);
	must_raw(my_syscall2(__NR_sethostname, hostname, hostname_length), "sethostname ", hostname);
	if (network)
		network_up();
	provide_container_files();
	program = fork();
	must(program, "fork", 0);
	if (program == 0)
		start_program();
	wait_for(program);
	return 0;
}
