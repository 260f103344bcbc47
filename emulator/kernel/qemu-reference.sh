#!/bin/sh
# Reference run: boots the committed kernel (emulator resources) in qemu-system-riscv64 `virt`
# with the devices our emulator provides (see qemu-common.sh) on a small root directory made
# from Debian trixie's busybox-static:riscv64, types COMMAND at the shell prompt, then `exit`,
# and prints the console transcript.
#
#   emulator/kernel/qemu-reference.sh [COMMAND]   (COMMAND defaults to "uname -m; echo ok")
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

RUN=$(mktemp -d)
trap 'rm -rf "$RUN"' EXIT
unpack_kernel "$RUN/Image"
mkfifo "$RUN/in"
qemu_boot "$RUN/Image" "$ROOT" < "$RUN/in" > "$RUN/out" 2>&1 &
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

wait_for_prompt_after 0
printf '%s\n' "$COMMAND" >&3
wait_for_prompt_after "$(transcript | wc -c)"
printf 'exit\n' >&3
wait "$QEMU" || die "QEMU exited with status $?"
exec 3>&-
transcript
echo
echo "qemu-reference.sh: QEMU exited after $(( $(date +%s) - START )) s wall clock"
transcript | sed -n 's/^\[ *\([0-9.]*\)\] Run \/init as init process.*/\1/p' | awk '{
    printf "qemu-reference.sh: /init started at guest time %s s: at most %.1f M instructions\n", $1, $1 * 1000 }'
