/**
 * The browser runtime: a Web Worker that runs one {@link dev.termpress.emulator.Machine} per terminal
 * (compiled by TeaVM to WebAssembly GC). {@code boot} and the scheduling logic in {@code worker} are plain
 * Java, covered by JVM tests; {@code js} holds the JSO bindings that exist only in the browser.
 */
package dev.termpress.runtime;
