#!/bin/sh
# Shared by qemu-reference.sh and qemu-init-checks.sh (sourced): the busybox root directory and
# the QEMU command line that mirrors our emulator's machine (virt, virtio-mmio console as hvc0,
# virtio-9p root with mount tag "termpress", virtio entropy).

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
RESOURCES="$REPO/emulator/src/main/resources/dev/termpress/emulator/kernel"
: "${TERMPRESS_CACHE:=/work/cache}"
WORK="$TERMPRESS_CACHE/kernel"
BUSYBOX_ROOT="$WORK/busybox-root"
APPLETS="sh ash ls cat echo uname mount umount ps id hostname mkdir rmdir rm cp mv ln pwd env sleep
  head tail grep sed awk sort uniq wc tty stty date dmesg poweroff true false test [ vi less find
  xargs chmod chown df du free uptime which printf touch basename dirname kill clear reset"

die() { printf '%s: error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# Makes $BUSYBOX_ROOT (once) from Debian trixie's busybox-static:riscv64, without init.conf.
make_busybox_root() {
    [ -x "$BUSYBOX_ROOT/bin/busybox" ] && return
    mkdir -p "$WORK/debs"
    deb=$(ls "$WORK/debs/busybox-static_"*_riscv64.deb 2>/dev/null | tail -1 || true)
    if [ -z "$deb" ]; then
        . "$HERE/trixie-apt.sh"
        trixie_apt_setup
        (cd "$WORK/debs" && trixie_download busybox-static:riscv64)
        deb=$(ls "$WORK/debs/busybox-static_"*_riscv64.deb | tail -1)
    fi
    rm -rf "$BUSYBOX_ROOT.tmp"
    mkdir -p "$BUSYBOX_ROOT.tmp/pkg"
    dpkg-deb -x "$deb" "$BUSYBOX_ROOT.tmp/pkg"
    (
        cd "$BUSYBOX_ROOT.tmp"
        mkdir -p bin dev proc sys tmp run etc root
        mv pkg/usr/bin/busybox bin/busybox
        rm -rf pkg
        for applet in $APPLETS; do ln -s busybox "bin/$applet"; done
        echo "root:x:0:0:root:/root:/bin/sh" > etc/passwd
        echo "root:x:0:" > etc/group
    )
    mv "$BUSYBOX_ROOT.tmp" "$BUSYBOX_ROOT"
}

# Writes the committed kernel's raw Image to the given path.
unpack_kernel() {
    [ -f "$RESOURCES/Image.gz" ] || die "no $RESOURCES/Image.gz: run emulator/kernel/build.sh first"
    gzip -dc "$RESOURCES/Image.gz" > "$1"
}

# qemu_boot IMAGE ROOT [QEMU ARGS...]: boots with the console on stdin/stdout; ROOT "" means no
# 9p device. -icount shift=0,sleep=off: guest time is deterministic and advances 1 ns per
# instruction while the hart is busy. Firmware and earlycon output go to $WORK/qemu-serial.log.
qemu_boot() {
    image=$1 root=$2
    shift 2
    set -- -M virt -m 512M -smp 1 -bios default -icount shift=0,sleep=off \
        -kernel "$image" -append "earlycon=sbi console=hvc0" \
        -display none -monitor none -serial "file:$WORK/qemu-serial.log" \
        -chardev stdio,id=vc,signal=off -device virtio-serial-device -device virtconsole,chardev=vc \
        -device virtio-rng-device "$@"
    if [ -n "$root" ]; then
        set -- "$@" -fsdev "local,id=fs0,path=$root,security_model=none" \
            -device virtio-9p-device,fsdev=fs0,mount_tag=termpress
    fi
    qemu-system-riscv64 "$@"
}
