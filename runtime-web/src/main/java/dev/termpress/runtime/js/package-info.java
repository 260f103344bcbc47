/**
 * JSO bindings to the browser APIs the worker uses (messages, timers, fetch, Cache API, SubtleCrypto,
 * DecompressionStream). They exist only under TeaVM; nothing here runs on a JVM.
 */
package dev.termpress.runtime.js;
