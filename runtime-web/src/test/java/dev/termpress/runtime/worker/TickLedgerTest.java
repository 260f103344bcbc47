package dev.termpress.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.runtime.worker.TickLedger.Wait;
import org.junit.jupiter.api.Test;

class TickLedgerTest {

    @Test
    void everyMillisecondLandsInOneBucket() {
        TickLedger ledger = new TickLedger();
        ledger.soon(100); // the session boots and asks for its first slice
        ledger.sliceStarted(103);
        ledger.soon(110); // computing: yield
        ledger.sliceEnded(111, 8);
        ledger.sliceStarted(112);
        ledger.idle(false); // Session.tick's idle path: cancelTimer, then runAfter
        ledger.sleep(10, false);
        ledger.sliceEnded(118, 6);
        ledger.sliceStarted(131); // the timer fired 3 ms late
        ledger.idle(true); // waits for layer bytes, no timer
        ledger.sliceEnded(135, 4);
        ledger.idle(true); // the bytes arrive: Session.wake cancels and yields
        ledger.soon(160);
        ledger.sliceStarted(161);
        ledger.sliceEnded(170, 9);

        TickLedger.Figures figures = ledger.figures(170);
        assertThat(figures.slices()).isEqualTo(4);
        assertThat(figures.sliceMillis()).isEqualTo(27);
        assertThat(figures.yieldMillis()).isEqualTo(3 + 1 + 1);
        assertThat(figures.sleepMillis()).isEqualTo(10);
        assertThat(figures.lateMillis()).isEqualTo(3);
        assertThat(figures.fetchMillis()).isEqualTo(25);
        assertThat(figures.idleMillis()).isZero();
        assertThat(figures.spanMillis()).isEqualTo(70);
        assertThat(figures.sliceMillis() + figures.yieldMillis() + figures.sleepMillis() + figures.lateMillis()
                + figures.fetchMillis() + figures.idleMillis()).isEqualTo(figures.spanMillis());
    }

    @Test
    void aSleepCutShortByInputCountsUpToTheWake() {
        TickLedger ledger = new TickLedger();
        ledger.soon(0);
        ledger.sliceStarted(0);
        ledger.sleep(50, false);
        ledger.sliceEnded(2, 2);
        ledger.idle(false); // a keystroke: wake() cancels the timer and yields
        ledger.soon(20);
        ledger.sliceStarted(21);
        ledger.idle(false);
        ledger.sliceEnded(22, 1);

        assertThat(ledger.waitedMillis(Wait.SLEEP)).isEqualTo(18);
        assertThat(ledger.waitedMillis(Wait.YIELD)).isEqualTo(1);
        assertThat(ledger.lateMillis()).isZero();
        // The wait that follows the last slice is not finished: not charged yet.
        assertThat(ledger.waitedMillis(Wait.IDLE)).isZero();
        ledger.soon(40);
        assertThat(ledger.waitedMillis(Wait.IDLE)).isEqualTo(18);
    }
}
