#!/usr/bin/env bash
# Builds termpress's ISA test programs, proves each one passes under QEMU (the reference), and
# copies the ELF binaries plus their sha256 list into the emulator's test resources.
#
#   ./build.sh            every *.S here
#   ./build.sh rv64m ...  only the named programs (the checksum list is rewritten for all)
#
# Needs gcc-riscv64-linux-gnu and qemu-system-misc (qemu-system-riscv64).
set -euo pipefail
cd "$(dirname "$0")"

OUT=../src/test/resources/dev/termpress/emulator/isa
BUILD=../target/isa-tests
CC=${CC:-riscv64-linux-gnu-gcc}
QEMU=${QEMU:-qemu-system-riscv64}
CFLAGS=(-march=rv64gc -mabi=lp64d -fno-pie -I .)
LDFLAGS=(-march=rv64gc -mabi=lp64d -nostdlib -static -no-pie -Wl,--build-id=none -T link.ld)

mkdir -p "$OUT" "$BUILD"

if [ $# -gt 0 ]; then
    names=("$@")
else
    names=()
    for src in *.S; do names+=("${src%.S}"); done
fi

failed=0
for name in "${names[@]}"; do
    elf="$BUILD/$name.elf"
    # Two steps with fixed object names: the ELF symbol table names the object, and a temporary
    # name would make every build differ.
    (cd "$BUILD" && "$CC" "${CFLAGS[@]}" -I "$OLDPWD" -c "$OLDPWD/$name.S" -o "$name.o")
    "$CC" "${LDFLAGS[@]}" "$BUILD/$name.o" -o "$elf"
    # QEMU virt jumps to 0x80000000 when there is no firmware: the entry must be there.
    entry=$(riscv64-linux-gnu-readelf -h "$elf" | awk '/Entry point/ {print $4}')
    if [ "$entry" != "0x80000000" ]; then
        echo "FAIL $name: entry is $entry, must be 0x80000000" >&2
        failed=1
        continue
    fi
    set +e
    timeout 60 "$QEMU" -M virt -m 128M -smp 1 -bios none -kernel "$elf" \
        -display none -monitor none -serial none
    rc=$?
    set -e
    if [ $rc -eq 0 ]; then
        echo "pass $name (QEMU)"
        cp "$elf" "$OUT/$name.elf"
    else
        # QEMU exits with the fail code's low byte (the check number, see test.h).
        echo "FAIL $name under QEMU: exit status $rc" >&2
        failed=1
    fi
done

(cd "$OUT" && sha256sum ./*.elf | sed 's#\./##' > SHA256SUMS)
exit $failed
