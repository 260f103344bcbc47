#!/bin/sh
# Reference run: boots the committed kernel (emulator resources) in qemu-system-riscv64 `virt`
# with the same devices our emulator provides (virtio-mmio console as hvc0, virtio-9p root with
# mount tag "rootfs"), on a small root directory made from Debian trixie's busybox-static:riscv64.
# Types `uname -m; echo ok` at the shell prompt, then `exit`, and prints the console transcript.
#
#   emulator/kernel/qemu-reference.sh [COMMAND]   (COMMAND defaults to "uname -m; echo ok")
#
# QEMU runs with -icount shift=0,sleep=off: guest time is deterministic and advances 1 ns per
# instruction while the hart is busy (idle time jumps ahead to the next timer), so the kernel's
# timestamp of "Run /init" bounds the guest instructions executed before init starts.
# The firmware (OpenSBI, -bios default) and earlycon write to the serial port, kept in
# $TERMPRESS_CACHE/kernel/qemu-serial.log. Needs qemu-system-misc (7.2 tested) and dpkg-deb.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
RESOURCES="$REPO/emulator/src/main/resources/dev/termpress/emulator/kernel"
: "${TERMPRESS_CACHE:=/work/cache}"
WORK="$TERMPRESS_CACHE/kernel"
ROOT="$WORK/busybox-root"
COMMAND=${1:-"uname -m; echo ok"}
TIMEOUT=${TIMEOUT:-120}
APPLETS="sh ash ls cat echo uname mount umount ps id hostname mkdir rmdir rm cp mv ln pwd env sleep
  head tail grep sed awk sort uniq wc tty stty date dmesg poweroff true false test [ vi less find
  xargs chmod chown df du free uptime which printf touch basename dirname kill clear reset"

die() { printf 'qemu-reference.sh: error: %s\n' "$*" >&2; exit 1; }

make_root() {
    [ -x "$ROOT/bin/busybox" ] && return
    mkdir -p "$WORK/debs"
    deb=$(ls "$WORK/debs/busybox-static_"*_riscv64.deb 2>/dev/null | tail -1 || true)
    if [ -z "$deb" ]; then
        . "$HERE/trixie-apt.sh"
        trixie_apt_setup
        (cd "$WORK/debs" && trixie_download busybox-static:riscv64)
        deb=$(ls "$WORK/debs/busybox-static_"*_riscv64.deb | tail -1)
    fi
    rm -rf "$ROOT.tmp"
    mkdir -p "$ROOT.tmp/pkg"
    dpkg-deb -x "$deb" "$ROOT.tmp/pkg"
    cd "$ROOT.tmp"
    mkdir -p bin dev proc sys tmp run etc root .termpress
    mv pkg/usr/bin/busybox bin/busybox
    rm -rf pkg
    for applet in $APPLETS; do ln -s busybox "bin/$applet"; done
    echo "root:x:0:0:root:/root:/bin/sh" > etc/passwd
    echo "root:x:0:" > etc/group
    # Exercises every init.conf key (see init.c for the format); PS1 ends in a space.
    printf '%s\n' "# termpress init configuration for the QEMU reference run" \
        "hostname qemu-reference" "env PATH=/bin" "env PS1=# " "workdir /root" "user root" "arg sh" \
        > .termpress/init.conf
    cd - >/dev/null
    mv "$ROOT.tmp" "$ROOT"
}

make_root
[ -f "$RESOURCES/Image.gz" ] || die "no $RESOURCES/Image.gz: run emulator/kernel/build.sh first"
RUN=$(mktemp -d)
trap 'rm -rf "$RUN"' EXIT
gzip -dc "$RESOURCES/Image.gz" > "$RUN/Image"
mkfifo "$RUN/in"

qemu-system-riscv64 -M virt -m 512M -smp 1 -bios default -icount shift=0,sleep=off \
    -kernel "$RUN/Image" -append "earlycon=sbi console=hvc0" \
    -display none -monitor none -serial "file:$WORK/qemu-serial.log" \
    -chardev stdio,id=vc,signal=off -device virtio-serial-device -device virtconsole,chardev=vc \
    -fsdev "local,id=fs0,path=$ROOT,security_model=none" \
    -device virtio-9p-device,fsdev=fs0,mount_tag=rootfs \
    < "$RUN/in" > "$RUN/out" 2>&1 &
QEMU=$!
exec 3> "$RUN/in"
START=$(date +%s)

ESC=$(printf '\033')

# The transcript without the cursor-position queries (ESC [ 6 n) busybox's line editor sends.
transcript() { sed "s/$ESC\[6n//g" "$RUN/out"; }

# Waits until the transcript's last line (without its newline) ends with the given text.
wait_for_tail() {
    while :; do
        [ "$(transcript | tail -c "${#1}")" = "$1" ] && return
        kill -0 "$QEMU" 2>/dev/null || { transcript; die "QEMU exited before printing '$1'"; }
        [ $(( $(date +%s) - START )) -lt "$TIMEOUT" ] || { transcript; kill "$QEMU"; die "timed out"; }
        sleep 0.1
    done
}

wait_for_tail "# "
printf '%s\n' "$COMMAND" >&3
wait_for_tail "# "
printf 'exit\n' >&3
wait "$QEMU" || die "QEMU exited with status $?"
exec 3>&-
transcript
echo
echo "qemu-reference.sh: QEMU exited after $(( $(date +%s) - START )) s wall clock"
transcript | sed -n 's/^\[ *\([0-9.]*\)\] Run \/init as init process.*/\1/p' | awk '{
    printf "qemu-reference.sh: /init started at guest time %s s: at most %.1f M instructions\n", $1, $1 * 1000 }' 
