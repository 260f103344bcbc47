/**
 * IEEE 754 binary32/binary64 arithmetic for the RISC-V F and D extensions on raw bits (section
 * numbers cite the unprivileged spec 20191213: F is chapter 11, D chapter 12):
 * {@link dev.termpress.emulator.cpu.fpu.SoftFloat} is the whole public surface. Integer significand
 * arithmetic everywhere, plus exact host fast paths for binary64; no allocation or exceptions.
 */
package dev.termpress.emulator.cpu.fpu;
