/**
 * A small WebAssembly binary writer for the browser back end of the translator: modules with function
 * and GC array/struct types, imports, a memory, exports and function bodies, in the binary format of
 * the WebAssembly 2.0 spec plus WebAssembly GC. Plain Java that TeaVM compiles, so the worker can
 * generate modules at run time.
 */
package dev.termpress.emulator.translate.wasm;
