#!/bin/sh
# Private APT setup for Debian trixie packages (source all + riscv64), the one used by every build
# script: the kernel's build.sh and qemu-common.sh, and the example images' build-busybox.sh and
# build-debian.sh (through content-examples/images/lib.sh). It never touches the system's APT
# state: lists, cache and status live under $TERMPRESS_APT_DIR (default
# $TERMPRESS_CACHE/apt-trixie). The mirror URI is $TERMPRESS_MIRROR or else read at run time from
# the system's configured Debian sources, so no host name is written into the repository.
#
# After trixie_apt_setup: $APT_CONFIG is exported, and trixie_download PKG... fetches .debs into $PWD.

: "${TERMPRESS_CACHE:=/work/cache}"
TRIXIE_APT_DIR="${TERMPRESS_APT_DIR:-$TERMPRESS_CACHE/apt-trixie}"
TRIXIE_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

# $TERMPRESS_MIRROR, else the first URI of the system's Debian archive source (deb822 or one-line format).
trixie_mirror_uri() {
    if [ -n "${TERMPRESS_MIRROR:-}" ]; then
        printf '%s\n' "${TERMPRESS_MIRROR%/}"
        return 0
    fi
    uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }')
    if [ -z "$uri" ]; then
        uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
            | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }')
    fi
    if [ -z "$uri" ]; then
        echo "trixie-apt: no Debian archive URI (ending in /debian) in /etc/apt/sources.list*; set TERMPRESS_MIRROR=URL" >&2
        return 1
    fi
    printf '%s\n' "${uri%/}"
}

trixie_apt_setup() {
    mirror=$(trixie_mirror_uri) || return 1
    if [ ! -f "$TRIXIE_KEYRING" ]; then
        echo "trixie-apt: $TRIXIE_KEYRING is missing (apt-get install debian-archive-keyring)" >&2
        return 1
    fi
    mkdir -p "$TRIXIE_APT_DIR/state/lists/partial" "$TRIXIE_APT_DIR/cache/archives/partial" \
        "$TRIXIE_APT_DIR/sources.list.d" "$TRIXIE_APT_DIR/preferences.d"
    : > "$TRIXIE_APT_DIR/state/status.empty"
    cat > "$TRIXIE_APT_DIR/sources.list.d/trixie.sources.new" <<SOURCES
Types: deb
URIs: $mirror
Suites: trixie
Components: main
Architectures: riscv64
Signed-By: $TRIXIE_KEYRING
SOURCES
    mv "$TRIXIE_APT_DIR/sources.list.d/trixie.sources.new" "$TRIXIE_APT_DIR/sources.list.d/trixie.sources"
    cat > "$TRIXIE_APT_DIR/apt.conf" <<CONF
Dir::State "$TRIXIE_APT_DIR/state";
Dir::State::status "$TRIXIE_APT_DIR/state/status.empty";
Dir::Cache "$TRIXIE_APT_DIR/cache";
Dir::Etc::SourceList "/dev/null";
Dir::Etc::SourceParts "$TRIXIE_APT_DIR/sources.list.d";
Dir::Etc::Preferences "/dev/null";
Dir::Etc::PreferencesParts "$TRIXIE_APT_DIR/preferences.d";
APT::Architectures { "riscv64"; };
APT::Sandbox::User "root";
Acquire::Languages "none";
CONF
    APT_CONFIG="$TRIXIE_APT_DIR/apt.conf"
    export APT_CONFIG
    # One index refresh per day is plenty; other sessions re-run this script often.
    stamp="$TRIXIE_APT_DIR/state/updated.stamp"
    if [ -z "$(find "$stamp" -mtime -1 2>/dev/null)" ]; then
        apt-get -q update >&2 || return 1
        touch "$stamp"
    fi
}

# Downloads the newest trixie version of each package into the current directory,
# unless a .deb of that exact version is already there.
trixie_download() {
    for pkg in "$@"; do
        name=${pkg%%[:=]*}
        version=$(apt-cache show --no-all-versions "$pkg" | awk '/^Version:/ { print $2; exit }')
        if [ -z "$version" ]; then
            echo "trixie-apt: package $pkg not found in trixie" >&2
            return 1
        fi
        # apt-get download writes an epoch as "1%3a"; match the version after it.
        if ! ls "${name}_"*"${version#*:}_"*.deb >/dev/null 2>&1; then
            apt-get -q download "$pkg" >&2 || return 1
        fi
    done
}
