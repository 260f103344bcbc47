#!/usr/bin/env bash
# Builds compute.bin, the benchmark's compute-bound guest program, with Debian's
# gcc-riscv64-linux-gnu. The binary is committed; rebuild only when compute.c changes.
set -euo pipefail
cd "$(dirname "$0")"
riscv64-linux-gnu-gcc -O2 -march=rv64imac -mabi=lp64 -mcmodel=medany -ffreestanding -nostdlib \
    -static -Wl,--build-id=none -T compute.ld -o compute.elf compute.c
riscv64-linux-gnu-objcopy -O binary -j .text -j .rodata -j .data compute.elf compute.bin
rm compute.elf
sha256sum compute.bin
