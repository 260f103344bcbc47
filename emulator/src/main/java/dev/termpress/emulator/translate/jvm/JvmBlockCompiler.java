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
 * ({@link RegionWriter}: chains linked by gotos, registers in locals), so no method comes near
 * the size HotSpot refuses to compile and HotSpot compiles and deoptimizes them one by one; the
 * {@code run} method loops, dispatching on the next pc's region, while control stays on the page
 * and no region asked to leave.
 * Pcs are emitted relative to the page the unit runs at, so a class serves any machine and any
 * virtual address the same code is found at.
 */
public final class JvmBlockCompiler implements BlockCompiler {

    private static final String ACCESS = RegionWriter.ACCESS;
    private static final String COMPILED = "dev/termpress/emulator/translate/CompiledBlock";
    private static final String NAME = "dev/termpress/emulator/translate/jvm/GuestUnit";
    /** HotSpot does not compile methods of more bytecode than this (-XX:+DontCompileHugeMethods). */
    static final int HUGE_METHOD = 8000;
    /** Page bytes per region method (256: about 100 instructions, well under {@link #HUGE_METHOD}). */
    private static final int REGION_SHIFT = 8;

    private final MethodHandles.Lookup lookup = MethodHandles.lookup();

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

    /** The class file for {@code block}, or null if a method would be too big for HotSpot to compile. */
    static byte[] generate(Block block) {
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
        long base = block.pageBase();
        boolean[] regions = new boolean[4096 >> REGION_SHIFT];
        for (Insn insn : block.insns()) {
            regions[(int) (insn.pc() - base) >> REGION_SHIFT] = true;
        }
        for (int r = 0; r < regions.length; r++) {
            if (regions[r]) {
                MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, "r" + r, RegionWriter.DESCRIPTOR, null, null);
                new RegionWriter(mv, block, r << REGION_SHIFT, (r + 1) << REGION_SHIFT).emit();
                if (!finish(mv)) {
                    return null;
                }
            }
        }
        if (!run(cw, regions)) {
            return null;
        }
        cw.visitEnd();
        try {
            return cw.toByteArray();
        } catch (ClassTooLargeException | MethodTooLargeException e) {
            return null;
        }
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
    private static boolean run(ClassWriter cw, boolean[] regions) {
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
        Label[] labels = new Label[regions.length];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = regions[r] ? new Label() : exit;
        }
        mv.visitVarInsn(LLOAD, NEXT);
        mv.visitInsn(L2I);
        mv.visitIntInsn(SIPUSH, 0xfff);
        mv.visitInsn(IAND);
        mv.visitIntInsn(BIPUSH, REGION_SHIFT);
        mv.visitInsn(IUSHR);
        mv.visitTableSwitchInsn(0, labels.length - 1, exit, labels);
        for (int r = 0; r < labels.length; r++) {
            if (!regions[r]) {
                continue;
            }
            mv.visitLabel(labels[r]);
            mv.visitVarInsn(ALOAD, A);
            mv.visitVarInsn(ILOAD, BUDGET);
            mv.visitVarInsn(LLOAD, NEXT);
            mv.visitMethodInsn(INVOKESTATIC, NAME, "r" + r, RegionWriter.DESCRIPTOR, false);
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
