package dev.termpress.emulator;

import dev.termpress.emulator.bus.Bus;
import dev.termpress.emulator.bus.Device;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.AcceleratorFactory;
import dev.termpress.emulator.cpu.Cpu;
import dev.termpress.emulator.cpu.Csr;
import dev.termpress.emulator.cpu.HartState;
import dev.termpress.emulator.devices.Clint;
import dev.termpress.emulator.devices.GoldfishRtc;
import dev.termpress.emulator.devices.Plic;
import dev.termpress.emulator.devices.PowerControl;
import dev.termpress.emulator.devices.TestFinisher;
import dev.termpress.emulator.fdt.DeviceTree;
import dev.termpress.emulator.host.Clock;
import dev.termpress.emulator.host.InputQueue;
import dev.termpress.emulator.sbi.Sbi;
import dev.termpress.emulator.snapshot.ClockState;
import dev.termpress.emulator.snapshot.RamPages;
import dev.termpress.emulator.snapshot.Sections;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;
import dev.termpress.emulator.virtio.VirtioConsole;
import dev.termpress.emulator.virtio.VirtioDevice;
import dev.termpress.emulator.virtio.VirtioEntropy;
import dev.termpress.emulator.virtio.VirtioMmio;
import dev.termpress.emulator.virtio.VirtioNet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole RISC-V system, QEMU {@code virt} memory map: it wires RAM, the hart, the bus devices
 * and the built-in SBI firmware together and owns nothing else. The host drives it with
 * {@link #run(long)}, which always returns. Not thread-safe: call every method, including
 * {@link #sendInput}, from the thread that runs it.
 */
public final class Machine {

    /** Where the kernel Image is loaded (the RISC-V Linux boot protocol's usual 2 MiB offset). */
    public static final long KERNEL_ADDRESS = Ram.BASE + 0x20_0000L;
    /** Instructions between timer polls: about 1.6 ms of guest time on the default clock. */
    private static final int SLICE = 16_384;
    /** The device tree goes high in RAM, 2 MiB aligned as QEMU does, or page aligned if RAM is small. */
    private static final long DTB_ALIGN = 0x20_0000L;
    private static final long DTB_SMALL_ALIGN = 0x1000L;
    private static final long ALL_COUNTERS = 0xffff_ffffL;
    /** scounteren bit 1: U-mode may read the time CSR (privileged spec §4.1.5). */
    private static final long SCOUNTEREN_TM = 1L << 1;
    /** Exceptions the firmware delegates to S-mode: all but ecall from S (it handles those). */
    private static final long FIRMWARE_MEDELEG = Csr.MEDELEG_WRITABLE & ~(1L << 9);
    /** How long an idle guest waits for the host's network before its own time moves on (10 ms). */
    private static final long HOST_WAIT_NANOS = 10_000_000L;
    private static final int REG_A0 = 10;
    private static final int REG_A1 = 11;

    private final MachineConfig config;
    private final Clock clock;
    private final Ram ram;
    private final List<VirtioMmio> transports = new ArrayList<>();
    private final Bus bus = new Bus();
    private final Cpu cpu;
    private final Clint clint;
    private final Sbi sbi;
    private final Plic plic;
    private final GoldfishRtc rtc;
    private final VirtioMmio consoleTransport;
    private final VirtioConsole console;
    private final VirtioNet network = new VirtioNet();
    /** Input typed before hvc0 is up, bounded as hvc0's own queue is (VirtioConsole.MAX_PENDING_INPUT). */
    private final InputQueue input = new InputQueue(VirtioConsole.MAX_PENDING_INPUT);
    /** Whether early input was dropped and the console said so, until it is handed to hvc0. */
    private boolean droppingEarlyInput;
    private int nextVirtioSlot;
    private boolean booted;
    private boolean halted;
    private boolean resetRequested;
    private int exitCode;

    /** What the host installs on every new hart (the JVM's translator), or null: the interpreter. */
    private static AcceleratorFactory acceleratorFactory;

    /**
     * Sets what every machine built from now on installs on its hart (null: none). JVM hosts set the
     * translator here; the browser never does.
     */
    public static void setAcceleratorFactory(AcceleratorFactory factory) {
        acceleratorFactory = factory;
    }

    /** Builds the machine; call {@link #bootKernel} or {@link #bootBare} before running it. */
    public Machine(MachineConfig config) {
        this(config, new Ram(config.ramBytes()));
    }

    /**
     * Builds the machine over RAM allocated earlier (a browser worker allocates it while it downloads):
     * {@code ram} must be fresh, never written, and of {@code config.ramBytes()}.
     */
    public Machine(MachineConfig config, Ram ram) {
        if (ram.size() != config.ramBytes()) {
            throw new IllegalArgumentException("RAM of " + ram.size() + " bytes for a machine of " + config.ramBytes());
        }
        this.config = config;
        this.clock = config.clock();
        this.ram = ram;
        this.cpu = new Cpu(ram, bus, clock);
        PowerControl power = new PowerControl() {
            @Override
            public void powerOff(int code) {
                halt(code, false);
            }

            @Override
            public void reset() {
                halt(0, true);
            }
        };
        this.clint = new Clint(cpu, () -> clock.ticks(cpu.instret()));
        this.sbi = new Sbi(ram, cpu, config.console(), input, power);
        this.plic = new Plic(cpu);
        this.rtc = new GoldfishRtc(
                () -> clock.unixNanosAtTickZero() + clock.ticks(cpu.instret()) * Clock.NANOS_PER_TICK, plic);
        this.console = new VirtioConsole(config.console());
        bus.add(clint);
        bus.add(new TestFinisher(power));
        bus.add(rtc);
        bus.add(plic);
        // Requests over pages a boot snapshot's cold part had not brought yet were left in their rings.
        ram.setArrivalListener(() -> transports.forEach(VirtioMmio::pagesArrived));
        this.consoleTransport = attach(console);
        attach(new VirtioEntropy(config.entropy()));
        attach(network);
        AcceleratorFactory factory = acceleratorFactory;
        if (factory != null) {
            factory.install(cpu);
        }
    }

    /**
     * Puts a virtio device in the next free virtio-mmio slot (IRQ = slot + 1), before booting: the
     * device tree the kernel reads is fixed at boot.
     */
    public VirtioMmio attach(VirtioDevice device) {
        if (booted) {
            throw new IllegalStateException("attach virtio devices before booting the machine");
        }
        if (nextVirtioSlot == VirtioMmio.SLOTS) {
            throw new IllegalStateException("all " + VirtioMmio.SLOTS + " virtio-mmio slots are taken");
        }
        VirtioMmio transport = VirtioMmio.inSlot(nextVirtioSlot++, plic, ram, device);
        bus.add(transport);
        transports.add(transport);
        return transport;
    }

    /** The virtio console (hvc0): the guest's terminal; {@link VirtioConsole#resize} reaches the guest. */
    public VirtioConsole console() {
        return console;
    }

    /** The network device (eth0): a host turns the guest's network on with {@link VirtioNet#connect}. */
    public VirtioNet network() {
        return network;
    }

    private void halt(int code, boolean reset) {
        if (!halted) {
            halted = true;
            exitCode = code;
            resetRequested = reset;
            cpu.halt();
        }
    }

    /** Guest RAM, for loading programs and inspecting memory. */
    public Ram ram() {
        return ram;
    }

    /** The hart. */
    public Cpu cpu() {
        return cpu;
    }

    /** The system bus: add a device here and its node appears in the device tree. */
    public Bus bus() {
        return bus;
    }

    /** Whether the guest powered off, reset or failed; {@link #run} then does nothing. */
    public boolean halted() {
        return halted;
    }

    /** The guest's exit status once halted (0 for a clean power-off). */
    public int exitCode() {
        return exitCode;
    }

    /** Whether the guest asked for a reboot rather than a power-off. */
    public boolean resetRequested() {
        return resetRequested;
    }

    /**
     * Queues console input for the guest: to hvc0 once its driver is up, before that to the
     * firmware console (SBI getchar / DBCN read) that early boot code polls.
     */
    public void sendInput(byte[] data, int offset, int length) {
        if (consoleTransport.isLive()) {
            handOverEarlyInput();
            console.pushInput(data, offset, length);
        } else {
            int taken = input.add(data, offset, length);
            if (taken < length && !droppingEarlyInput) {
                droppingEarlyInput = true;
                byte[] notice = (VirtioConsole.DROPPED_NOTICE + (length - taken) + " bytes]\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                config.console().write(notice, 0, notice.length);
            }
        }
    }

    /** Moves input typed before hvc0 was up, and not read by early boot code, to hvc0, in order. */
    private void handOverEarlyInput() {
        int waiting = input.available();
        if (waiting > 0 && consoleTransport.isLive()) {
            byte[] early = new byte[waiting];
            for (int i = 0; i < waiting; i++) {
                early[i] = (byte) input.poll();
            }
            console.pushInput(early, 0, waiting);
        }
        droppingEarlyInput = false;
    }

    /** Loads a RISC-V Linux {@code Image} and starts it in S-mode with the built-in SBI firmware. */
    public void bootKernel(byte[] image) {
        if (!ram.contains(KERNEL_ADDRESS, image.length)) {
            throw new IllegalArgumentException("kernel image of " + image.length + " bytes does not fit in "
                    + (ram.size() >> 20) + " MiB of RAM at 0x" + Long.toHexString(KERNEL_ADDRESS));
        }
        booted = true;
        ram.write(KERNEL_ADDRESS, image, 0, image.length);
        byte[] dtb = deviceTree();
        long top = Ram.BASE + ram.size() - dtb.length;
        long dtbAddress = top & ~(DTB_ALIGN - 1);
        if (dtbAddress < KERNEL_ADDRESS + image.length) {
            dtbAddress = top & ~(DTB_SMALL_ALIGN - 1); // small RAM: just below the top, page aligned
        }
        if (dtbAddress < KERNEL_ADDRESS + image.length) {
            throw new IllegalArgumentException("no room for the device tree above the kernel image");
        }
        ram.write(dtbAddress, dtb, 0, dtb.length);
        cpu.setFirmware(sbi);
        cpu.setCsr(Csr.MEDELEG, FIRMWARE_MEDELEG);
        cpu.setCsr(Csr.MIDELEG, Csr.S_INTERRUPTS);
        cpu.setCsr(Csr.MCOUNTEREN, ALL_COUNTERS);
        // User-mode rdtime (glibc's vDSO clock_gettime): Linux enables it only in its SBI PMU driver,
        // which our kernel leaves out, so the firmware hands over with scounteren.TM already set.
        cpu.setCsr(Csr.SCOUNTEREN, SCOUNTEREN_TM);
        cpu.setReg(REG_A0, 0); // hart id
        cpu.setReg(REG_A1, dtbAddress);
        cpu.setPrivilege(Cpu.PRIV_S);
        cpu.setPc(KERNEL_ADDRESS);
    }

    /** Starts the hart in M-mode at {@code entryPc} with no firmware, as bare-metal tests expect. */
    public void bootBare(long entryPc) {
        booted = true;
        cpu.setFirmware(null);
        cpu.setPrivilege(Cpu.PRIV_M);
        cpu.setPc(entryPc);
    }

    /**
     * Runs up to {@code maxInstructions} and returns how many ran. Returns early when the machine
     * halts, or when the hart waits for an interrupt that only the host (input, real time) can bring.
     */
    public long run(long maxInstructions) {
        long done = 0;
        handOverEarlyInput();
        while (done < maxInstructions && !halted) {
            network.service();
            long now = pollTimers();
            int ran = cpu.run((int) Math.min(SLICE, maxInstructions - done));
            done += ran;
            if (cpu.stalledOnAbsentPage()) {
                break; // nothing can run until the host has the page (waitingForPages)
            }
            if (ran == 0 && cpu.waitingForInterrupt() && !halted) {
                // Guest time must not run past a reply the host owes (the instruction clock skips ahead).
                if (network.waitingForHost() && network.awaitHost(HOST_WAIT_NANOS)) {
                    continue;
                }
                if (!clock.skipTo(nextWakeUp(now), cpu.instret())) {
                    break;
                }
            }
        }
        pollTimers(); // so the host sees interrupt lines as of the last instruction
        return done;
    }

    private long pollTimers() {
        long now = clock.ticks(cpu.instret());
        clint.update();
        sbi.update(now);
        rtc.update();
        return now;
    }

    /**
     * Whether the last {@link #run} ended before an instruction that needs a RAM page still to arrive (a
     * boot snapshot resumed before its cold part): the host runs again once {@link Ram#absentPages} is 0.
     */
    public boolean waitingForPages() {
        return cpu.stalledOnAbsentPage() && ram.absentPages() > 0;
    }

    /** Whether the hart sleeps in WFI: {@link #run} returns at once until input or time wakes it. */
    public boolean idle() {
        return cpu.waitingForInterrupt();
    }

    /**
     * When the idle hart's next enabled timer fires, in {@link Clock} ticks ({@link Long#MAX_VALUE}:
     * only input can wake it). A host on the wall clock sleeps until then or until input arrives.
     */
    public long nextWakeUpTicks() {
        long now = clock.ticks(cpu.instret());
        // A timer that fell due after run() returned is "now", not "none": the host must run again.
        return Math.min(nextWakeUp(now), pastDueTimer(now));
    }

    /** {@code now} if an enabled timer's deadline has passed (it pends on the next run), else none. */
    private long pastDueTimer(long now) {
        long enabled = cpu.csr(Csr.MIE);
        boolean machineDue = (enabled & Csr.MIP_MTIP) != 0 && clint.nextDeadline() <= now;
        boolean supervisorDue = (enabled & Csr.MIP_STIP) != 0 && cpu.firmwareActive() && sbi.nextDeadline() <= now;
        return machineDue || supervisorDue ? now : Long.MAX_VALUE;
    }

    /**
     * The earliest future timer event that can end a WFI: a timer enabled in mie, or the RTC alarm
     * (an external interrupt, which the PLIC may still mask: waking early is harmless).
     */
    private long nextWakeUp(long now) {
        long enabled = cpu.csr(Csr.MIE);
        long deadline = Long.MAX_VALUE;
        long machineTimer = clint.nextDeadline();
        if ((enabled & Csr.MIP_MTIP) != 0 && machineTimer > now) {
            deadline = machineTimer;
        }
        long supervisorTimer = sbi.nextDeadline();
        if ((enabled & Csr.MIP_STIP) != 0 && cpu.firmwareActive() && supervisorTimer > now) {
            deadline = Math.min(deadline, supervisorTimer);
        }
        long alarmNanos = rtc.nanosUntilAlarm();
        if (alarmNanos != Long.MAX_VALUE) {
            deadline = Math.min(deadline, now + Math.max(1, ticksCovering(alarmNanos)));
        }
        return deadline;
    }

    /** The ticks that cover {@code nanos} (rounded up, and without overflowing near Long.MAX_VALUE). */
    private static long ticksCovering(long nanos) {
        long ticks = nanos / Clock.NANOS_PER_TICK;
        return nanos % Clock.NANOS_PER_TICK == 0 ? ticks : ticks + 1;
    }

    /** The flattened device tree describing this machine to the kernel. */
    public byte[] deviceTree() {
        DeviceTree tree = new DeviceTree();
        tree.beginNode("")
                .cells("#address-cells", 2)
                .cells("#size-cells", 2)
                .property("compatible", "termpress,virt", "riscv-virtio")
                .property("model", "termpress RISC-V virtual machine");
        tree.beginNode("chosen")
                .property("bootargs", config.bootargs())
                .property("rng-seed", config.rngSeed())
                .endNode();
        tree.beginNode("memory@" + Long.toHexString(Ram.BASE))
                .property("device_type", "memory")
                .longs("reg", Ram.BASE, ram.size())
                .endNode();
        tree.beginNode("cpus")
                .cells("#address-cells", 1)
                .cells("#size-cells", 0)
                .cells("timebase-frequency", (int) Clock.TIMEBASE_HZ);
        tree.beginNode("cpu@0")
                .property("device_type", "cpu")
                .cells("reg", 0)
                .property("status", "okay")
                .property("compatible", "riscv")
                .property("riscv,isa", "rv64imafdc_zicsr_zifencei")
                .property("riscv,isa-base", "rv64i")
                .property("riscv,isa-extensions", "i", "m", "a", "f", "d", "c", "zicsr", "zifencei", "zicntr")
                .property("mmu-type", "riscv,sv39");
        tree.beginNode("interrupt-controller")
                .cells("#address-cells", 0)
                .cells("#interrupt-cells", 1)
                .property("interrupt-controller")
                .property("compatible", "riscv,cpu-intc")
                .cells("phandle", DeviceTree.PHANDLE_CPU_INTC)
                .endNode();
        tree.endNode().endNode(); // cpu@0, cpus
        tree.beginNode("soc")
                .cells("#address-cells", 2)
                .cells("#size-cells", 2)
                .property("compatible", "simple-bus")
                .property("ranges");
        bus.describe(tree);
        tree.endNode();
        tree.endNode();
        return tree.toBlob();
    }

    // ---- snapshot ----

    /**
     * Everything a snapshot saves, in the order it is saved and restored: this machine's own flags and
     * early console input, RAM, the hart, the clock (after the hart: it continues at its instret), the
     * firmware, then every bus device in the order it was added, each virtio transport followed by its
     * device. A device that keeps no state list appears as one that cannot be saved.
     */
    public List<Snapshottable> stateComponents() {
        List<Snapshottable> parts = new ArrayList<>();
        parts.add(new MachineFlags());
        parts.add(new RamPages(ram));
        parts.add(new HartState(cpu));
        parts.add(new ClockState(clock, cpu::instret));
        parts.add(sbi);
        for (Device device : bus.devices()) {
            parts.add(device instanceof Snapshottable ? (Snapshottable) device
                    : Sections.unsaveable("device@" + Long.toHexString(device.base())));
            if (device instanceof VirtioMmio) {
                parts.add(((VirtioMmio) device).deviceState());
            }
        }
        return parts;
    }

    /** Whether the machine was never booted nor run: only such a machine can take a snapshot's state. */
    public boolean fresh() {
        return !booted && !halted && cpu.instret() == 0;
    }

    /** Booted, halted and exit flags, the firmware switch and input typed before hvc0 was up. */
    private final class MachineFlags implements Snapshottable {

        @Override
        public String stateName() {
            return "machine";
        }

        @Override
        public int stateVersion() {
            return 1;
        }

        @Override
        public void saveState(StateWriter out) {
            out.bool(booted).bool(halted).bool(resetRequested).i32(exitCode).bool(cpu.firmwareActive())
                    .u8(nextVirtioSlot).bytes(input.peekAll());
        }

        @Override
        public void restoreState(StateReader in, int version) throws SnapshotException {
            booted = in.bool();
            halted = in.bool();
            resetRequested = in.bool();
            exitCode = in.i32();
            cpu.setFirmware(in.bool() ? sbi : null);
            int slots = in.u8();
            if (slots != nextVirtioSlot) {
                throw new SnapshotException("the snapshot's machine had " + slots + " virtio devices, this one has "
                        + nextVirtioSlot);
            }
            byte[] early = in.bytes();
            input.add(early, 0, early.length);
        }
    }
}
