#!/bin/sh
# Reference run: boots the committed kernel (emulator resources) in qemu-system-riscv64 `virt`
# with the devices our emulator provides (see qemu-common.sh) on a small root directory made
# from Debian trixie's busybox-static:riscv64, types COMMAND at the shell prompt, then `exit`,
# and prints the console transcript.
#
#   emulator/kernel/qemu-reference.sh [COMMAND]   (COMMAND defaults to "uname -m; echo ok")
#
# NETWORK=1 adds QEMU's user-mode network (slirp: the same 10.0.2.x layout as ours, 10.0.2.2 is the
# host's loopback) on a virtio-net device and init.conf's network line. The script answers init's
# handshake (ready marker, then the go message) and prints the command's wall time.
#
# The kernel's timestamp of "Run /init" is guest time under -icount shift=0, so it bounds the
# guest instructions executed before init starts (idle time jumping ahead to timers counts too).
# Needs qemu-system-misc (7.2 tested) and dpkg-deb.
set -eu

. "$(cd "$(dirname "$0")" && pwd)/qemu-common.sh"
COMMAND=${1:-"uname -m; echo ok"}
TIMEOUT=${TIMEOUT:-120}
ROOT="$WORK/reference-root"

make_busybox_root
rm -rf "$ROOT"
cp -a "$BUSYBOX_ROOT" "$ROOT"
# Exercises every init.conf key (format in init.c); PS1 ends in a space.
mkdir -p "$ROOT/.termpress"
printf '%s\n' "# termpress init configuration for the QEMU reference run" \
    "hostname qemu-reference" "env PATH=/bin" "env PS1=# " "workdir /root" "user root" \
    "winsize 80x24" "arg sh" > "$ROOT/.termpress/init.conf"
NET_ARGS=
if [ "${NETWORK:-0}" = 1 ]; then
    echo "network 10.0.2.15/24 10.0.2.2 10.0.2.3" >> "$ROOT/.termpress/init.conf"
    NET_ARGS="-netdev user,id=n0 -device virtio-net-device,netdev=n0"
fi

RUN=$(mktemp -d)
trap 'rm -rf "$RUN"' EXIT
unpack_kernel "$RUN/Image"
mkfifo "$RUN/in"
# shellcheck disable=SC2086 # NET_ARGS is a list of words
qemu_boot "$RUN/Image" "$ROOT" $NET_ARGS < "$RUN/in" > "$RUN/out" 2>&1 &
QEMU=$!
exec 3> "$RUN/in"
START=$(date +%s)
ESC=$(printf '\033')

# The transcript without the cursor-position queries (ESC [ 6 n) busybox's line editor sends.
transcript() { sed "s/$ESC\\[6n//g" "$RUN/out"; }

# Waits until the transcript after byte OFFSET holds a newline and ends with a "# " prompt.
wait_for_prompt_after() {
    while :; do
        new=$(transcript | tail -c "+$(( $1 + 1 ))"; echo .)
        case "$new" in *"
"*"# .") return ;; esac
        kill -0 "$QEMU" 2>/dev/null || { transcript; die "QEMU exited before the shell prompt"; }
        [ $(( $(date +%s) - START )) -lt "$TIMEOUT" ] || { transcript; kill "$QEMU"; die "timed out"; }
        sleep 0.1
    done
}

# init's handshake (init.c): after its ready marker it waits for the go message.
while ! transcript | grep -q 'termpress-ready'; do
    kill -0 "$QEMU" 2>/dev/null || { transcript; die "QEMU exited before init's ready marker"; }
    [ $(( $(date +%s) - START )) -lt "$TIMEOUT" ] || { transcript; kill "$QEMU"; die "timed out"; }
    sleep 0.1
done
printf '\033]5379;termpress-go\007' >&3
wait_for_prompt_after 0
COMMAND_START=$(date +%s%N)
printf '%s\n' "$COMMAND" >&3
wait_for_prompt_after "$(transcript | wc -c)"
COMMAND_END=$(date +%s%N)
printf 'exit\n' >&3
wait "$QEMU" || die "QEMU exited with status $?"
exec 3>&-
transcript
echo
echo "qemu-reference.sh: the command took $(( (COMMAND_END - COMMAND_START) / 1000000 )) ms wall clock (0.1 s polling)"
echo "qemu-reference.sh: QEMU exited after $(( $(date +%s) - START )) s wall clock"
transcript | sed -n 's/^\[ *\([0-9.]*\)\] Run \/init as init process.*/\1/p' | awk '{
    printf "qemu-reference.sh: /init started at guest time %s s: at most %.1f M instructions\n", $1, $1 * 1000 }'
