#!/bin/sh
# Checks init.c's behaviour by booting the committed kernel in QEMU (see qemu-common.sh) on
# variants of the busybox root: defaults, every init.conf key, and each failure path, which must
# print one clear "termpress-init:" line and power off. Prints PASS/FAIL per case; exit status 1
# when any case fails (its transcript is printed).
#
#   emulator/kernel/qemu-init-checks.sh
set -eu

. "$(cd "$(dirname "$0")" && pwd)/qemu-common.sh"
CASES="$WORK/init-checks"
FAILED=0

make_busybox_root
RUN=$(mktemp -d)
trap 'rm -rf "$RUN"' EXIT
unpack_kernel "$RUN/Image"

# case_root NAME [INIT.CONF LINES...]: a fresh copy of the busybox root with that init.conf.
case_root() {
    root="$CASES/$1"
    shift
    rm -rf "$root"
    mkdir -p "$CASES"
    cp -a "$BUSYBOX_ROOT" "$root"
    echo "demo:x:1000:1000:Demo:/home/demo:/bin/sh" >> "$root/etc/passwd"
    printf '%s\n' "demo:x:1000:" "wheel:x:10:root,demo" >> "$root/etc/group"
    if [ $# -gt 0 ]; then
        mkdir -p "$root/.termpress"
        printf '%s\n' "$@" > "$root/.termpress/init.conf"
    fi
}

# expect NAME ROOT INPUT EXPECTED-LINE...: boots, types INPUT, and wants each line verbatim.
expect() {
    name=$1 root=$2 input=$3
    shift 3
    printf '%s' "$input" | timeout 60 sh -c '. "$1/qemu-common.sh"; qemu_boot "$2" "$3"' \
        qemu-boot "$HERE" "$RUN/Image" "$root" 2>&1 | tr -d '\r' > "$RUN/out" || true
    for line in "$@"; do
        if ! grep -qxF -- "$line" "$RUN/out"; then
            echo "FAIL $name: no line \"$line\" in:"
            sed 's/^/    /' "$RUN/out"
            FAILED=1
            return
        fi
    done
    echo "PASS $name"
}

case_root defaults
expect "defaults: /bin/sh as root in /, hostname termpress, 80x24" "$CASES/defaults" \
    'echo "$(id -u) $(pwd) $(hostname) $HOME $TERM $(stty size) $(tty)"; exit 3
' "0 / termpress /root xterm-256color 24 80 /dev/hvc0" \
    "termpress-init: /bin/sh exited with status 3, powering off"

case_root all-keys "# every key" "hostname box" "env PATH=/bin" "env GREETING=a b  c" \
    "workdir /home/demo/work" "user demo:wheel" "winsize 100x30" "arg sh" "arg -c" \
    'arg echo "$GREETING|$PATH|$HOME"; id; pwd; hostname; stty size; echo $$; exit 0'
expect "init.conf: env, workdir (created), user:group, winsize, argv, PATH search" "$CASES/all-keys" "" \
    "a b  c|/bin|/home/demo" "uid=1000(demo) gid=10(wheel) groups=10(wheel)" "/home/demo/work" \
    "box" "30 100" "termpress-init: sh exited with status 0, powering off"

case_root mounts "arg /bin/sh" "arg -c" "arg mount; ls -ld /tmp /dev/shm | cut -c1-10"
expect "mounts: 9p root, devtmpfs, proc, sysfs, tmpfs /tmp /run /dev/shm, devpts" "$CASES/mounts" "" \
    "termpress on / type 9p (rw,relatime,cache=0xf,access=client,msize=262144,trans=virtio)" \
    "devpts on /dev/pts type devpts (rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666)" \
    "tmpfs on /run type tmpfs (rw,nosuid,nodev,relatime,mode=755)" "drwxrwxrwt"

case_root bad-key "hostname box" "shell /bin/sh"
expect "init.conf: unknown key" "$CASES/bad-key" "" \
    'termpress-init: /.termpress/init.conf:2: unknown key (valid: hostname, env, workdir, user, arg, winsize), got "shell"'

case_root bad-winsize "winsize 80*24"
expect "init.conf: malformed winsize" "$CASES/bad-winsize" "" \
    'termpress-init: /.termpress/init.conf:1: winsize needs COLSxROWS, each 1 to 9999, e.g. 80x24, got "80*24"'

case_root unknown-user "user nobody"
expect "unknown user" "$CASES/unknown-user" "" \
    'termpress-init: user "nobody" is not in /etc/passwd (/.termpress/init.conf user)'

case_root missing-program "arg nosuchprogram"
expect "program not found" "$CASES/missing-program" "" \
    "termpress-init: exec nosuchprogram: ENOENT (2)" \
    "termpress-init: nosuchprogram exited with status 127, powering off"

expect "no 9p root device" "" "" \
    "termpress-init: mount 9p root (tag termpress) on /newroot: ENOENT (2)"

exit $FAILED
