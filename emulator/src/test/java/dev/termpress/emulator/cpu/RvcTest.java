package dev.termpress.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RvcTest {

    /** Compressed encodings and their 32-bit equivalents, as the GNU assembler encodes them. */
    private static final int[][] PAIRS = {
        {0x1fe0, 0x3fc10413}, // c.addi4spn s0,sp,1020
        {0x3ffc, 0x0f87b787}, // c.fld fa5,248(a5)
        {0x5de8, 0x07c5a503}, // c.lw a0,124(a1)
        {0x7ef0, 0x0f86b603}, // c.ld a2,248(a3)
        {0xa480, 0x0084b427}, // c.fsd fs0,8(s1)
        {0xc3b8, 0x04e7a023}, // c.sw a4,64(a5)
        {0xe144, 0x08953023}, // c.sd s1,128(a0)
        {0x0001, 0x00000013}, // c.nop
        {0x1501, 0xfe050513}, // c.addi a0,-32
        {0x25fd, 0x01f5859b}, // c.addiw a1,31
        {0x52fd, 0xfff00293}, // c.li t0,-1
        {0x7101, 0xe0010113}, // c.addi16sp sp,-512
        {0x617d, 0x1f010113}, // c.addi16sp sp,496
        {0x7901, 0xfffe0937}, // c.lui s2,0xfffe0
        {0x6985, 0x000019b7}, // c.lui s3,1
        {0x917d, 0x03f55513}, // c.srli a0,63
        {0x8585, 0x4015d593}, // c.srai a1,1
        {0x9a65, 0xff967613}, // c.andi a2,-7
        {0x8c05, 0x40940433}, // c.sub s0,s1
        {0x8eb9, 0x00e6c6b3}, // c.xor a3,a4
        {0x8fc1, 0x0087e7b3}, // c.or a5,s0
        {0x8ce9, 0x00a4f4b3}, // c.and s1,a0
        {0x9e15, 0x40d6063b}, // c.subw a2,a3
        {0x9f3d, 0x00f7073b}, // c.addw a4,a5
        {0xb001, 0x801ff06f}, // c.j .-2048
        {0xaffd, 0x7fe0006f}, // c.j .+2046
        {0xd101, 0xf00500e3}, // c.beqz a0,.-256
        {0xecfd, 0x0e049f63}, // c.bnez s1,.+254
        {0x1306, 0x02131313}, // c.slli t1,33
        {0x30fe, 0x1f813087}, // c.fldsp ft1,504(sp)
        {0x50fe, 0x0fc12083}, // c.lwsp ra,252(sp)
        {0x73fe, 0x1f813383}, // c.ldsp t2,504(sp)
        {0x8082, 0x00008067}, // c.jr ra
        {0x857e, 0x01f00533}, // c.mv a0,t6
        {0x9002, 0x00100073}, // c.ebreak
        {0x9282, 0x000280e7}, // c.jalr t0
        {0x9472, 0x01c40433}, // c.add s0,t3
        {0xbfee, 0x1fb13c27}, // c.fsdsp fs11,504(sp)
        {0xdff6, 0x0fd12e23}, // c.swsp t4,252(sp)
        {0xfffa, 0x1fe13c23}, // c.sdsp t5,504(sp)
    };

    @Test
    void expandsLikeTheAssembler() {
        for (int[] pair : PAIRS) {
            assertThat(Integer.toHexString(Rvc.expand(pair[0])))
                    .as("expansion of 0x%04x", pair[0])
                    .isEqualTo(Integer.toHexString(pair[1]));
        }
    }

    @Test
    void reservedEncodingsAreIllegal() {
        assertThat(Rvc.expand(0x0000)).as("all-zero halfword").isEqualTo(Rvc.ILLEGAL);
        assertThat(Rvc.expand(0x0004)).as("c.addi4spn with zero immediate").isEqualTo(Rvc.ILLEGAL);
        assertThat(Rvc.expand(0x2001)).as("c.addiw x0").isEqualTo(Rvc.ILLEGAL);
        assertThat(Rvc.expand(0x6101)).as("c.addi16sp 0").isEqualTo(Rvc.ILLEGAL);
        assertThat(Rvc.expand(0x6081)).as("c.lui x1, 0").isEqualTo(Rvc.ILLEGAL);
        assertThat(Rvc.expand(0x4002)).as("c.lwsp x0").isEqualTo(Rvc.ILLEGAL);
        assertThat(Rvc.expand(0x6002)).as("c.ldsp x0").isEqualTo(Rvc.ILLEGAL);
        assertThat(Rvc.expand(0x8002)).as("c.jr x0").isEqualTo(Rvc.ILLEGAL);
        assertThat(Rvc.expand(0x8000)).as("quadrant 0 funct3 100").isEqualTo(Rvc.ILLEGAL);
        assertThat(Rvc.expand(0x9c41)).as("c.subw reserved neighbour").isEqualTo(Rvc.ILLEGAL);
    }
}
