#!/bin/sh
# Builds the termpress guest kernel: Linux from Debian trixie's linux-source-6.12 on top of
# tinyconfig plus termpress.config, with a built-in initramfs holding /init (init.c compiled
# against the kernel's own nolibc). Writes Image.gz (gzip -n -9), Image.sha256 (of the raw Image)
# and kernel.txt (versions and hashes) into the emulator's resources, where KernelImage loads them.
#
#   emulator/kernel/build.sh           build and install into the resources
#   emulator/kernel/build.sh --check   build and only compare with the committed Image.sha256
#
# Idempotent: downloads, the extracted source, nolibc headers and the O= build directory are
# cached under $TERMPRESS_CACHE/kernel (default /work/cache/kernel); a re-run only rebuilds what
# changed. Needs gcc-riscv64-linux-gnu, make, bc, bison, flex, libssl-dev, libelf-dev, cpio, xz.
# The source version is pinned to the one recorded in kernel.txt; LINUX_SOURCE_VERSION=latest
# takes trixie's newest. Kernel build: about 5 minutes on 2 cores (JOBS, default 2, runs niced).
#
# This directory: termpress.config (the fragment), init.c (PID 1; the init.conf format is at its
# top), initramfs.list, trixie-apt.sh (private APT setup for trixie packages), qemu-common.sh,
# qemu-reference.sh (boots the committed Image in QEMU to a busybox shell and prints the
# transcript) and qemu-init-checks.sh (init's behaviour and failure paths, under QEMU).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
RESOURCES="$REPO/emulator/src/main/resources/dev/termpress/emulator/kernel"
: "${TERMPRESS_CACHE:=/work/cache}"
WORK="$TERMPRESS_CACHE/kernel"
JOBS=${JOBS:-2}
SOURCE_PACKAGE=linux-source-6.12
CROSS=riscv64-linux-gnu-
MODE=${1:-install}

# Fixed build identity so that rebuilding the same inputs gives the same Image.
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 1970"
export KBUILD_BUILD_USER=termpress KBUILD_BUILD_HOST=termpress KBUILD_BUILD_VERSION=1
export LC_ALL=C

log() { printf 'build.sh: %s\n' "$*" >&2; }
die() { printf 'build.sh: error: %s\n' "$*" >&2; exit 1; }

case "$MODE" in
install | --check) ;;
*) die "unknown argument '$MODE' (valid: no argument to build and install, --check)" ;;
esac

pinned_version() {
    if [ -n "${LINUX_SOURCE_VERSION:-}" ]; then
        echo "$LINUX_SOURCE_VERSION"
    elif [ -f "$RESOURCES/kernel.txt" ]; then
        awk -v p="$SOURCE_PACKAGE" '$1 == p { print $2 }' "$RESOURCES/kernel.txt"
    fi
}

# Downloads (unless cached) and extracts the kernel source; sets SRC and SOURCE_VERSION.
fetch_source() {
    mkdir -p "$WORK/debs" "$WORK/src"
    version=$(pinned_version)
    [ "$version" = latest ] && version=
    deb=
    [ -n "$version" ] && deb=$(ls "$WORK/debs/${SOURCE_PACKAGE}_${version}_all.deb" 2>/dev/null || true)
    if [ -z "$deb" ]; then
        . "$HERE/trixie-apt.sh"
        trixie_apt_setup
        (cd "$WORK/debs" && trixie_download "$SOURCE_PACKAGE${version:+=$version}")
        [ -n "$version" ] || version=$(apt-cache show --no-all-versions "$SOURCE_PACKAGE" \
            | awk '/^Version:/ { print $2; exit }')
        deb="$WORK/debs/${SOURCE_PACKAGE}_${version}_all.deb"
        [ -f "$deb" ] || die "download of $SOURCE_PACKAGE $version did not produce $deb"
    fi
    SOURCE_VERSION=$version
    SRC="$WORK/src/linux-source-$version"
    if [ -e "$SRC/.config" ] || [ -d "$SRC/include/config" ] || [ -d "$SRC/arch/riscv/include/generated" ]; then
        log "cleaning the source tree for O= builds"
        make -s -C "$SRC" ARCH=riscv mrproper
    fi
    if [ ! -f "$SRC/.termpress-extracted" ]; then
        log "extracting $SOURCE_PACKAGE $version"
        rm -rf "$SRC" "$SRC.tmp"
        mkdir -p "$SRC.tmp"
        dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$SOURCE_PACKAGE.tar.xz" \
            | xz -dc | tar -x -C "$SRC.tmp" --strip-components=1
        mv "$SRC.tmp" "$SRC"
        touch "$SRC/.termpress-extracted"
    fi
}

# nolibc's headers plus the kernel's UAPI headers: what nolibc's headers_standalone target makes,
# without its in-tree `make headers` (which dirties the source for O= builds) or rsync.
build_nolibc() {
    NOLIBC="$WORK/nolibc-$SOURCE_VERSION"
    if [ ! -f "$NOLIBC/.done" ]; then
        log "installing nolibc and UAPI headers"
        rm -rf "$NOLIBC"
        mkdir -p "$NOLIBC/uapi"
        make -s -C "$SRC/tools/include/nolibc" ARCH=riscv OUTPUT="$NOLIBC/" headers
        make -s -C "$SRC" O="$NOLIBC/uapi" ARCH=riscv headers
        (cd "$NOLIBC/uapi/usr/include" && find . -name '*.h' | tar -cf - -T -) \
            | tar -xf - -C "$NOLIBC/sysroot/include"
        touch "$NOLIBC/.done"
    fi
}

build_init() {
    INIT_DIR="$WORK/init"
    mkdir -p "$INIT_DIR"
    log "compiling init.c"
    ${CROSS}gcc -Os -static -nostdlib -nostdinc -ffreestanding -fno-stack-protector \
        -fno-asynchronous-unwind-tables -fno-ident -Wall -Werror -Wl,--build-id=none -s \
        -I "$NOLIBC/sysroot/include" -include nolibc.h \
        -o "$INIT_DIR/init.new" "$HERE/init.c" -lgcc
    # Keep the old file (and its mtime) when nothing changed, so the initramfs is not rebuilt.
    if cmp -s "$INIT_DIR/init.new" "$INIT_DIR/init" 2>/dev/null; then
        rm "$INIT_DIR/init.new"
    else
        mv "$INIT_DIR/init.new" "$INIT_DIR/init"
    fi
    log "init is $(wc -c < "$INIT_DIR/init") bytes"
}

# Writes content to a file only when it differs, so make sees no change on a re-run.
write_if_changed() {
    cat > "$1.new"
    if cmp -s "$1.new" "$1" 2>/dev/null; then rm "$1.new"; else mv "$1.new" "$1"; fi
}

configure() {
    BUILD="$WORK/build-$SOURCE_VERSION"
    mkdir -p "$BUILD"
    sed "s|@INIT@|$INIT_DIR/init|" "$HERE/initramfs.list" | write_if_changed "$BUILD/initramfs.list"
    { cat "$HERE/termpress.config"; echo "CONFIG_INITRAMFS_SOURCE=\"$BUILD/initramfs.list\""; } \
        | write_if_changed "$BUILD/termpress.fragment"
    # Compute the config in a scratch directory; .config only changes when the result does.
    CONF="$WORK/config-scratch-$SOURCE_VERSION"
    mkdir -p "$CONF"
    log "configuring: tinyconfig + termpress.config"
    make -s -C "$SRC" O="$CONF" ARCH=riscv CROSS_COMPILE=$CROSS tinyconfig >/dev/null
    "$SRC/scripts/kconfig/merge_config.sh" -m -O "$CONF" "$CONF/.config" "$BUILD/termpress.fragment" \
        >/dev/null
    make -s -C "$SRC" O="$CONF" ARCH=riscv CROSS_COMPILE=$CROSS olddefconfig >/dev/null
    verify_config "$CONF/.config" "$BUILD/termpress.fragment"
    write_if_changed "$BUILD/.config" < "$CONF/.config"
}

# Every "=y" (and the initramfs) line of the fragment must be in .config verbatim, and every
# "is not set" symbol must not be set: olddefconfig silently drops unmet dependencies.
verify_config() {
    config=$1 fragment=$2 bad=0
    grep '^CONFIG_.*=' "$fragment" > "$config.wanted"
    while IFS= read -r line; do
        if ! grep -qxF "$line" "$config"; then
            sym=${line%%=*}
            log "config check: wanted $line, got: $(grep "^$sym=\|^# $sym is not set" "$config" || echo missing)"
            bad=1
        fi
    done < "$config.wanted"
    rm "$config.wanted"
    for sym in $(sed -n 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1/p' "$fragment"); do
        if grep -q "^$sym=" "$config"; then
            log "config check: wanted $sym off, got: $(grep "^$sym=" "$config")"
            bad=1
        fi
    done
    [ "$bad" = 0 ] || die "olddefconfig changed the fragment's settings (see above); fix termpress.config"
}

build_kernel() {
    log "building Image in $BUILD (make -j$JOBS, niced)"
    start=$(date +%s)
    nice -n 10 make -s -C "$SRC" O="$BUILD" ARCH=riscv CROSS_COMPILE=$CROSS -j"$JOBS" Image
    log "kernel build took $(( $(date +%s) - start )) s"
    IMAGE="$BUILD/arch/riscv/boot/Image"
}

install_or_check() {
    sha=$(sha256sum "$IMAGE" | cut -d' ' -f1)
    log "Image: $(wc -c < "$IMAGE") bytes, sha256 $sha"
    if [ "$MODE" = --check ]; then
        committed=$(cut -d' ' -f1 "$RESOURCES/Image.sha256")
        [ "$sha" = "$committed" ] || die "built Image $sha differs from committed $committed"
        log "built Image matches the committed one"
        return
    fi
    mkdir -p "$RESOURCES"
    gzip -n -9 < "$IMAGE" > "$RESOURCES/Image.gz"
    echo "$sha  Image" > "$RESOURCES/Image.sha256"
    {
        echo "# Built by emulator/kernel/build.sh; values are sha256 unless named otherwise."
        echo "$SOURCE_PACKAGE $SOURCE_VERSION"
        echo "kernelrelease $(make -s -C "$SRC" O="$BUILD" ARCH=riscv kernelrelease)"
        echo "fragment $(sha256sum < "$HERE/termpress.config" | cut -d' ' -f1)"
        echo "config $(sha256sum < "$BUILD/.config" | cut -d' ' -f1)"
        echo "init $(sha256sum < "$INIT_DIR/init" | cut -d' ' -f1)"
        echo "image $sha"
    } > "$RESOURCES/kernel.txt"
    log "installed Image.gz ($(wc -c < "$RESOURCES/Image.gz") bytes), Image.sha256, kernel.txt"
}

fetch_source
build_nolibc
build_init
configure
build_kernel
install_or_check
