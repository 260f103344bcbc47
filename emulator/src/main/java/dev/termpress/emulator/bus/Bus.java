package dev.termpress.emulator.bus;

import dev.termpress.emulator.fdt.DeviceTree;
import java.util.ArrayList;
import java.util.List;

/**
 * The devices on the system bus, outside RAM. The hart reaches RAM directly through
 * {@link Ram#words()}; only other physical addresses come here.
 */
public final class Bus {

    private Device[] devices = new Device[0];

    /** Adds a device; its register window must not overlap another's. */
    public void add(Device device) {
        for (Device d : devices) {
            if (device.base() < d.base() + d.size() && d.base() < device.base() + device.size()) {
                throw new IllegalArgumentException(String.format(
                        "device at 0x%x (size 0x%x) overlaps the device at 0x%x (size 0x%x)",
                        device.base(), device.size(), d.base(), d.size()));
            }
        }
        Device[] grown = new Device[devices.length + 1];
        System.arraycopy(devices, 0, grown, 0, devices.length);
        grown[devices.length] = device;
        devices = grown;
    }

    /** The device whose window holds {@code [paddr, paddr + width)}, or null. */
    public Device find(long paddr, int width) {
        for (Device d : devices) {
            long offset = paddr - d.base();
            if (offset >= 0 && offset <= d.size() - width) {
                return d;
            }
        }
        return null;
    }

    /** The devices in the order they were added. */
    public List<Device> devices() {
        List<Device> list = new ArrayList<>(devices.length);
        for (Device d : devices) {
            list.add(d);
        }
        return list;
    }

    /** Lets every device write its node under the current device-tree node. */
    public void describe(DeviceTree tree) {
        for (Device d : devices) {
            d.describe(tree);
        }
    }
}
