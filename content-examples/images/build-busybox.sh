#!/usr/bin/env bash
# Builds the busybox example image (content-examples/images/busybox/, an OCI image layout) from
# Debian trixie's busybox-static package for riscv64, reproducibly: same package, same digests.
#
#   content-examples/images/build-busybox.sh          rebuild the committed layout
#   content-examples/images/build-busybox.sh --check  rebuild into a temp dir, compare, exit 1 if different
#
# Environment:
#   TERMPRESS_APT_DIR   private apt state for trixie/riscv64 (default /work/cache/apt-trixie);
#                       the system's apt configuration and state are never touched
#   TERMPRESS_MIRROR    Debian mirror URL; default: the first Debian URI in the system's apt sources
#   BUSYBOX_DEB         use this busybox-static_*_riscv64.deb instead of downloading one
#
# Needs apt-get, dpkg-deb, GNU tar, gzip, python3 and coreutils (all on a stock Debian). The digests
# depend only on the package version (printed, and recorded in the config's history) and gzip's
# output at level 9 (-n: no name or time in the header); --check tells whether this machine matches.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
target="$here/busybox"
suite=trixie
ref_name=latest
# Every timestamp in the image (file mtimes, config "created") is this instant.
epoch=0
created=1970-01-01T00:00:00Z

check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- 1. the package ---------------------------------------------------------------------------

fetch_deb() {
  trixie_apt_setup
  mkdir -p "$TRIXIE_APT_DIR/debs"
  (cd "$TRIXIE_APT_DIR/debs" && trixie_download busybox-static:riscv64)
  ls -t "$TRIXIE_APT_DIR"/debs/busybox-static_*_riscv64.deb | head -n1
}

deb="${BUSYBOX_DEB:-$(fetch_deb)}"
[ -f "$deb" ] || { echo "error: $deb: no such package file" >&2; exit 1; }
echo "package: $(basename "$deb") sha256 $(sha256sum "$deb" | cut -d' ' -f1)" >&2
dpkg-deb -x "$deb" "$work/deb"
busybox="$(find "$work/deb" -type f -name busybox -path '*bin/*' | head -n1)"
[ -n "$busybox" ] || { echo "error: $deb has no bin/busybox" >&2; exit 1; }

# --- 2. the root filesystem ---------------------------------------------------------------------

# The riscv64 binary cannot run here (`busybox --list-full`), so read its applet table: busybox
# stores the applet names as one sorted run of NUL-terminated strings starting "[", "[[".
applets() {
  python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
start = data.find(b"[\0[[\0")
if start < 0:
    sys.exit("no applet table in " + sys.argv[1])
names = []
for raw in data[start:].split(b"\0"):
    if not re.fullmatch(rb"[a-z0-9_.\[\]-]+", raw or b"!"):
        break
    names.append(raw.decode())
if len(names) < 50 or names != sorted(names):
    sys.exit(f"applet table in {sys.argv[1]} looks wrong ({len(names)} names)")
print("\n".join(n for n in names if n != "busybox"))
PY
}

root="$work/rootfs"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,home,proc,sys,dev,run,var/tmp}
install -m 0755 "$busybox" "$root/bin/busybox"
# Every applet goes to /bin: the install locations are not readable from the binary, and PATH
# below covers /bin for all of them.
count=0
while read -r applet; do
  ln -s busybox "$root/bin/$applet"
  count=$((count + 1))
done < <(applets "$root/bin/busybox")
echo "applets: $count" >&2

# Busybox is GPL-2: the package's copyright file travels with the binary.
mkdir -p "$root/usr/share/doc/busybox-static"
install -m 0644 "$(find "$work/deb" -path '*/doc/busybox-static/copyright' | head -n1)" \
    "$root/usr/share/doc/busybox-static/copyright"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
printf 'busybox\n' > "$root/etc/hostname"
chmod 0755 "$root" "$root"/{bin,sbin,usr,usr/bin,usr/sbin,usr/share,usr/share/doc,usr/share/doc/busybox-static,etc,home,proc,sys,dev,run,var}
chmod 0700 "$root/root"
chmod 1777 "$root/tmp" "$root/var/tmp"
chmod 0644 "$root"/etc/{passwd,group,hostname}

layer_tar="$work/layer.tar"
(cd "$root" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort) > "$work/files"
tar --create --file="$layer_tar" --directory="$root" --format=ustar --no-recursion \
    --numeric-owner --owner=0 --group=0 --mtime="@$epoch" --verbatim-files-from --files-from="$work/files"
gzip -n -9 -c "$layer_tar" > "$work/layer.tar.gz"

# --- 3. the OCI image layout (image-spec v1.1: image-layout.md, manifest.md, config.md) -----------

out="$work/layout"
write_oci_layout "$out" "$layer_tar" "$work/layer.tar.gz" "$created" \
  '{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["/bin/sh"],"WorkingDir":"/root"}' \
  "content-examples/images/build-busybox.sh from $(basename "$deb")" "$ref_name"

if $check; then
  if diff -r "$out" "$target" >/dev/null; then
    echo "OK: $target is reproduced exactly" >&2
  else
    echo "DIFFERENT: $target does not match a fresh build (manifest sha256:$manifest_hex)" >&2
    exit 1
  fi
else
  rm -rf "$target.new" && cp -r "$out" "$target.new"
  rm -rf "$target" && mv "$target.new" "$target"
  echo "wrote $target" >&2
fi
