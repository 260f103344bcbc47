#!/usr/bin/env bash
# Builds the Debian trixie riscv64 example image (mmdebstrap --variant=minbase) as an OCI image
# layout with one reproducible gzip layer. The layout is cached, never committed.
#
#   content-examples/images/build-debian.sh [--force] [DIR]
#
# DIR is the layout directory; default $TERMPRESS_IMAGE_CACHE/debian-trixie, where
# TERMPRESS_IMAGE_CACHE defaults to /work/cache/images. A valid layout already in DIR (index names
# "trixie" for linux/riscv64, every blob present with its sha256) is kept; --force rebuilds it.
#
# Environment:
#   TERMPRESS_IMAGE_CACHE  directory holding cached image layouts (default /work/cache/images)
#   TERMPRESS_APT_DIR      private apt state for trixie/riscv64 (default /work/cache/apt-trixie),
#                          used to read the suite's Release date; the system's apt is never touched
#   TERMPRESS_MIRROR       Debian mirror URL; default: the first Debian URI in the system's apt sources
#   SOURCE_DATE_EPOCH      clamp for every mtime and the config's "created"; default: the Date of
#                          trixie's Release file, so equal archive contents give equal digests
#
# Needs (Debian package names): mmdebstrap arch-test qemu-user-static binfmt-support, with
# `update-binfmts --enable qemu-riscv64`; plus python3, GNU tar, gzip, coreutils. Bookworm's
# mmdebstrap 1.3.5 and qemu-user-static 7.2 build trixie riscv64 fine. Run as root (unshare mode then
# only unshares the mount namespace); as another user, mmdebstrap also needs uidmap and an
# /etc/subuid + /etc/subgid range for that user.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
suite=trixie
ref_name=trixie
cmd='["/bin/bash"]'
# Beyond minbase: python3 for the page's localhost server (`python3 -m http.server`), the tool
# tutorials reach for first. The list is part of the layer's history entry, so a layout cached by
# an older version of this script (another package set) is rebuilt rather than kept.
include=python3,python3-pip,curl,ca-certificates
created_by="content-examples/images/build-debian.sh: mmdebstrap --variant=minbase --include=$include $suite"
path_env='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

force=false
out=""
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "usage: $0 [--force] [DIR]" >&2; exit 2 ;;
    *) [ -z "$out" ] || { echo "usage: $0 [--force] [DIR] (one DIR only)" >&2; exit 2; }; out="$arg" ;;
  esac
done
out="${out:-${TERMPRESS_IMAGE_CACHE:-/work/cache/images}/debian-$suite}"
out="$(realpath -m "$out")"

step() { echo "[$1/5] $2 (${SECONDS}s)" >&2; }

# DIR is replaced wholesale at the end, so never take over a directory that holds something else.
if [ -e "$out" ] && [ ! -f "$out/oci-layout" ] && [ -n "$(ls -A "$out" 2>/dev/null || echo file)" ]; then
  echo "error: $out exists and is not an OCI image layout (no oci-layout file); refusing to replace it" >&2
  exit 1
fi
if ! $force && [ -e "$out" ]; then
  if oci_layout_valid "$out" "$ref_name" "$created_by" 2>/dev/null; then
    echo "up to date: $out (--force rebuilds it)" >&2
    exit 0
  fi
  echo "$out is not a valid layout; rebuilding" >&2
fi

# --- 1. the tools ------------------------------------------------------------------------------

step 1 "checking tools"
for tool in mmdebstrap arch-test python3 gzip tar; do
  command -v "$tool" >/dev/null || {
    echo "error: $tool not found; apt-get install mmdebstrap arch-test qemu-user-static binfmt-support python3" >&2
    exit 1; }
done
arch-test riscv64 >/dev/null 2>&1 || {
  echo "error: this machine cannot run riscv64 binaries; apt-get install qemu-user-static binfmt-support," \
       "then update-binfmts --enable qemu-riscv64" >&2
  exit 1; }

mkdir -p "$(dirname "$out")"
work="$(mktemp -d "$(dirname "$out")/.build-debian.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# mmdebstrap downloads as user _apt, which must be able to enter its temp dir.
chmod 0755 "$work"

# --- 2. the archive's date ---------------------------------------------------------------------

step 2 "reading the $suite Release date"
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  trixie_apt_setup
  SOURCE_DATE_EPOCH="$(release_epoch "$TRIXIE_APT_DIR" "$suite")"
fi
export SOURCE_DATE_EPOCH
created="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
echo "SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH ($created)" >&2

# --- 3. the root filesystem --------------------------------------------------------------------

step 3 "mmdebstrap --variant=minbase --include=$include $suite riscv64 (a minute or two)"
mirror="$(trixie_mirror_uri)"
# The host's /etc/hostname and /etc/resolv.conf would otherwise leak into the image (and break
# reproducibility); /dev is left out and added back empty by repack-layer.py.
TMPDIR="$work" mmdebstrap --mode=unshare --arch=riscv64 --variant=minbase --include="$include" --format=tar \
  --skip=output/dev \
  --customize-hook='rm -f "$1/etc/resolv.conf"' \
  --customize-hook='echo debian > "$1/etc/hostname" && chmod 0644 "$1/etc/hostname"' \
  --customize-hook='printf "127.0.0.1\tlocalhost\n" > "$1/etc/hosts" && chmod 0644 "$1/etc/hosts"' \
  "$suite" "$work/rootfs.tar" "$mirror"

# --- 4. the layer ------------------------------------------------------------------------------

step 4 "repacking and compressing the layer"
python3 "$here/repack-layer.py" "$work/rootfs.tar" "$work/layer.tar" "$SOURCE_DATE_EPOCH"
rm "$work/rootfs.tar"
gzip -n -9 -c "$work/layer.tar" > "$work/layer.tar.gz"
echo "layer: $(stat -c %s "$work/layer.tar") bytes uncompressed, $(stat -c %s "$work/layer.tar.gz") gzipped" >&2

# --- 5. the OCI image layout -------------------------------------------------------------------

step 5 "writing the OCI layout"
write_oci_layout "$work/layout" "$work/layer.tar" "$work/layer.tar.gz" "$created" \
  "{\"Env\":[\"$path_env\"],\"Cmd\":$cmd}" \
  "$created_by" "$ref_name"
oci_layout_valid "$work/layout" "$ref_name" "$created_by"
rm -rf "$out"
mv "$work/layout" "$out"
echo "wrote $out in ${SECONDS}s" >&2
