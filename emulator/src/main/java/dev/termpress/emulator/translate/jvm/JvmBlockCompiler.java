package dev.termpress.emulator.translate.jvm;

import static org.objectweb.asm.Opcodes.*;

import dev.termpress.emulator.translate.Block;
import dev.termpress.emulator.translate.BlockCompiler;
import dev.termpress.emulator.translate.CompiledBlock;
import dev.termpress.emulator.translate.Insn;
import dev.termpress.emulator.translate.Op;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;

/**
 * The JVM back end: one hidden class per unit (a page's hot code), written with ASM so that C2
 * compiles the guest's hot code. Each 256 bytes of the page are a static method of their own
 * ({@link RegionWriter}: chains linked by gotos), halved down to 64 bytes where a method comes
 * out over the size HotSpot refuses to compile, so HotSpot compiles and deoptimizes them one by
 * one; the {@code run} method loops, dispatching on the next pc's region, while control stays on
 * the page and no region asked to leave.
 * Pcs are emitted relative to the page the unit runs at, so a class serves any machine and any
 * virtual address the same code is found at.
 */
public final class JvmBlockCompiler implements BlockCompiler {

    private static final String ACCESS = RegionWriter.ACCESS;
    private static final String COMPILED = "dev/termpress/emulator/translate/CompiledBlock";
    private static final String NAME = "dev/termpress/emulator/translate/jvm/GuestUnit";
    /** HotSpot does not compile methods of more bytecode than this (-XX:+DontCompileHugeMethods). */
    static final int HUGE_METHOD = 8000;
    /** Page bytes per region method at first (256: about 100 instructions, mostly under {@link #HUGE_METHOD}). */
    private static final int REGION_SHIFT = 8;
    /** The smallest region: a region method over {@link #HUGE_METHOD} is split in halves down to this. */
    private static final int GRANULE_SHIFT = 6;
    private static final int GRANULES = 4096 >> GRANULE_SHIFT;

    /**
     * Whether a unit may be entered at any instruction of its chains, not only at their starts
     * ({@code -Dtermpress.translate.midEntries=off}: chain starts only), so that control arriving in
     * the middle of a chain (an interrupt's return, an indirect jump, a budget that ended mid-chain)
     * runs translated instead of being stepped to the next chain.
     */
    static final boolean MID_ENTRIES = !"off".equals(System.getProperty("termpress.translate.midEntries", "on"));

    private final MethodHandles.Lookup lookup = MethodHandles.lookup();

    @Override
    public boolean entersAnyInstruction() {
        return MID_ENTRIES;
    }

    @Override
    public boolean shareable() {
        return true;
    }

    @Override
    public CompiledBlock compile(Block block) {
        byte[] bytes = generate(block);
        if (bytes == null) {
            return null;
        }
        String dump = System.getProperty("termpress.translate.dump");
        if (dump != null) {
            try {
                java.nio.file.Files.write(java.nio.file.Path.of(dump, "unit-" + Long.toHexString(block.startPc()) + ".class"), bytes);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            MethodHandles.Lookup hidden = lookup.defineHiddenClass(bytes, true);
            return (CompiledBlock) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("JVM back end: cannot load the class for the unit at 0x"
                    + Long.toHexString(block.startPc()), e);
        }
    }

    /**
     * The class file for {@code block}, or null if a method would be too big for HotSpot to compile
     * even at the smallest region size. A region method that comes out too big is split in halves
     * and the class written again.
     */
    static byte[] generate(Block block) {
        long base = block.pageBase();
        // regionOf[g]: the first granule of the region granule g belongs to, or -1 for no code;
        // sizeOf[first]: that region's granules.
        int[] regionOf = new int[GRANULES];
        int[] sizeOf = new int[GRANULES];
        java.util.Arrays.fill(regionOf, -1);
        int initial = 1 << (REGION_SHIFT - GRANULE_SHIFT);
        for (Insn insn : block.insns()) {
            int g = (int) (insn.pc() - base) >> GRANULE_SHIFT;
            regionOf[g] = g & -initial;
            sizeOf[g & -initial] = initial;
        }
        while (true) {
            List<Integer> tooBig = new ArrayList<>();
            byte[] bytes = write(block, regionOf, sizeOf, tooBig);
            if (tooBig.isEmpty()) {
                return bytes;
            }
            for (int first : tooBig) {
                int half = sizeOf[first] / 2;
                if (half == 0) {
                    return null;
                }
                sizeOf[first] = half;
                sizeOf[first + half] = half;
                for (int g = first + half; g < first + 2 * half; g++) {
                    if (regionOf[g] >= 0) {
                        regionOf[g] = first + half;
                    }
                }
            }
        }
    }

    /**
     * Writes the class with the regions of {@code regionOf}; adds to {@code tooBig} the first granule
     * of each region method over {@link #HUGE_METHOD} (the bytes are then not usable).
     */
    private static byte[] write(Block block, int[] regionOf, int[] sizeOf, List<Integer> tooBig) {
        // Class file version 49, without stack map frames: the JVM's own type-inferring verifier
        // checks it, much faster than ASM computing frames (which took most of the compiler
        // thread's samples: JFR, the boot, 2026-12-07) and nothing here needs a newer version.
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V1_5, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, NAME, null, COMPILED, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, COMPILED, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        for (int g = 0; g < GRANULES; g++) {
            if (hasCode(regionOf, sizeOf, g)) {
                int size = sizeOf[g];
                MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, "r" + g, RegionWriter.DESCRIPTOR, null, null);
                new RegionWriter(mv, block, g << GRANULE_SHIFT, (g + size) << GRANULE_SHIFT).emit();
                if (!finish(mv)) {
                    tooBig.add(g);
                }
            }
        }
        if (!run(cw, regionOf, sizeOf)) {
            return null; // cannot happen: the dispatch is a few hundred bytes
        }
        cw.visitEnd();
        if (!tooBig.isEmpty()) {
            return null;
        }
        try {
            return cw.toByteArray();
        } catch (ClassTooLargeException | MethodTooLargeException e) {
            return null;
        }
    }

    /** Whether a region starts at granule {@code g} and holds code. */
    private static boolean hasCode(int[] regionOf, int[] sizeOf, int g) {
        for (int k = g; k < g + sizeOf[g]; k++) {
            if (regionOf[k] == g) {
                return true;
            }
        }
        return false;
    }

    /** Ends a method; false if it came out too big for HotSpot to compile. */
    private static boolean finish(MethodVisitor mv) {
        Label end = new Label();
        mv.visitLabel(end);
        boolean small = end.getOffset() < HUGE_METHOD;
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return small;
    }

    // Local variable slots of run(access, budget, pc).
    private static final int A = 1;
    private static final int BUDGET = 2;
    private static final int PC = 3; // long
    private static final int PBASE = 5; // long
    private static final int NEXT = 7; // long

    /**
     * {@code run(access, budget, pc)}: chain after chain while control stays on the page and none
     * asked to leave; stores the executed count in {@code executed} and returns the next pc.
     */
    private static boolean run(ClassWriter cw, int[] regionOf, int[] sizeOf) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", "(L" + ACCESS + ";IJ)J", null, null);
        mv.visitCode();
        mv.visitVarInsn(LLOAD, PC);
        mv.visitLdcInsn(~0xfffL);
        mv.visitInsn(LAND);
        mv.visitVarInsn(LSTORE, PBASE);
        mv.visitVarInsn(LLOAD, PC);
        mv.visitVarInsn(LSTORE, NEXT);
        mv.visitVarInsn(ALOAD, A);
        mv.visitInsn(ICONST_0);
        mv.visitFieldInsn(PUTFIELD, ACCESS, "executed", "I");
        mv.visitVarInsn(ALOAD, A);
        mv.visitInsn(ICONST_0);
        mv.visitFieldInsn(PUTFIELD, ACCESS, "leave", "Z");

        Label loop = new Label();
        Label exit = new Label();
        Label check = new Label();
        mv.visitLabel(loop);
        // Still on the page?
        mv.visitVarInsn(LLOAD, NEXT);
        mv.visitVarInsn(LLOAD, PBASE);
        mv.visitInsn(LXOR);
        mv.visitIntInsn(BIPUSH, 12);
        mv.visitInsn(LUSHR);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, exit);
        Label[] regionLabels = new Label[GRANULES];
        Label[] labels = new Label[GRANULES];
        for (int g = 0; g < GRANULES; g++) {
            if (hasCode(regionOf, sizeOf, g)) {
                regionLabels[g] = new Label();
            }
        }
        for (int g = 0; g < GRANULES; g++) {
            labels[g] = regionOf[g] >= 0 ? regionLabels[regionOf[g]] : exit;
        }
        mv.visitVarInsn(LLOAD, NEXT);
        mv.visitInsn(L2I);
        mv.visitIntInsn(SIPUSH, 0xfff);
        mv.visitInsn(IAND);
        mv.visitIntInsn(BIPUSH, GRANULE_SHIFT);
        mv.visitInsn(IUSHR);
        mv.visitTableSwitchInsn(0, GRANULES - 1, exit, labels);
        for (int g = 0; g < GRANULES; g++) {
            if (regionLabels[g] == null) {
                continue;
            }
            mv.visitLabel(regionLabels[g]);
            mv.visitVarInsn(ALOAD, A);
            mv.visitVarInsn(ILOAD, BUDGET);
            mv.visitVarInsn(LLOAD, NEXT);
            mv.visitMethodInsn(INVOKESTATIC, NAME, "r" + g, RegionWriter.DESCRIPTOR, false);
            mv.visitVarInsn(LSTORE, NEXT);
            mv.visitJumpInsn(GOTO, check);
        }
        mv.visitLabel(check);
        mv.visitVarInsn(ALOAD, A);
        mv.visitFieldInsn(GETFIELD, ACCESS, "leave", "Z");
        mv.visitJumpInsn(IFEQ, loop);
        mv.visitLabel(exit);
        mv.visitVarInsn(LLOAD, NEXT);
        mv.visitInsn(LRETURN);
        return finish(mv);
    }
}
