package dev.termpress.emulator.cpu;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The interpreter's per-page arrival counters ({@link TranslationAccess#watchPages}). */
class PageWatchTest {

    private static final long BASE = Harness.BASE;

    /** A loop over two pages: a0++ on the first, a1++ on the second. */
    private static Harness twoPages() {
        Harness h = new Harness();
        h.cpu.setAccelerator(null);
        h.code(BASE, addi(A0, A0, 1), j(4092, ZERO));
        h.code(BASE + 4096, addi(A1, A1, 1), j(-4100, ZERO));
        return h;
    }

    private static int ramPage(TranslationAccess a, long pc) {
        return (int) (a.fetchOffset(pc) >>> 12);
    }

    @Test
    void negativeCountersKeepTheInterpreterGoingAndCountArrivals() {
        Harness h = twoPages();
        TranslationAccess a = h.cpu.translationAccess();
        a.interpret(1); // fills the fetch TLB for the first page
        int[] watch = new int[(int) (h.ram.size() >>> 12)];
        Arrays.fill(watch, -1000);
        a.watchPages(watch);
        a.interpret(99);
        assertThat(a.count()).isEqualTo(100);
        int first = ramPage(a, BASE);
        int second = ramPage(a, BASE + 4096);
        assertThat(watch[second]).isEqualTo(-1000 + 25); // arrivals at instructions 2, 6, ..., 98
        assertThat(watch[first]).isEqualTo(-1000 + 24);
    }

    @Test
    void theInterpreterReturnsBeforeThePageWhoseCounterReachesZero() {
        Harness h = twoPages();
        TranslationAccess a = h.cpu.translationAccess();
        a.interpret(3); // on the second page now: both pages are in the fetch TLB
        int[] watch = new int[(int) (h.ram.size() >>> 12)];
        Arrays.fill(watch, -1000);
        int second = ramPage(a, BASE + 4096);
        watch[second] = -2;
        a.watchPages(watch);
        a.interpret(100);
        // 3 run before; then the rest of the second page (1), the first page (2), an arrival that
        // leaves the counter at -1, the second page (2), the first page (2), and the next arrival
        // reaches 0: the interpreter returns before running it.
        assertThat(a.count()).isEqualTo(3 + 1 + 2 + 2 + 2);
        assertThat(a.pc()).isEqualTo(BASE + 4096);
        assertThat(watch[second]).isZero();
        assertThat(h.x(A0)).isEqualTo(3);
        assertThat(h.x(A1)).isEqualTo(2);
    }
}
