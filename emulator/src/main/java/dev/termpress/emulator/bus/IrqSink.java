package dev.termpress.emulator.bus;

/** Where a device drives its interrupt line: the platform interrupt controller (PLIC). */
public interface IrqSink {

    /** Sets the level of interrupt source {@code irq} (1-based, as in the device tree). */
    void setIrq(int irq, boolean level);
}
