/*
 * Compute-bound guest program for the emulator benchmark: CRC-32 over pseudo-random data,
 * insertion sort and a multiply/divide chain, 40 rounds. Runs bare in M-mode from 0x80000000,
 * stores its checksum at 0x80200000 and stops the machine through the test finisher.
 * Built by build-compute.sh; the checksum is the same as a native build's (0x5232a1a7).
 */
typedef unsigned long u64;
typedef unsigned int u32;

#define FINISHER ((volatile u32 *) 0x100000)
#define RESULT ((volatile u32 *) 0x80200000)

static u32 table[256];
static unsigned char buf[16384];
static int arr[1024];

void _start(void) __attribute__((naked, section(".text.start")));
void _start(void)
{
    __asm__ volatile("li sp, 0x80100000\n call main\n 1: j 1b\n");
}

static u32 crc(const unsigned char *p, int n)
{
    u32 c = ~0u;
    for (int i = 0; i < n; i++)
        c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return ~c;
}

static void sort(int *a, int n)
{
    for (int i = 1; i < n; i++) {
        int v = a[i], j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

int main(void)
{
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    u32 seed = 1, acc = 0;
    for (int round = 0; round < 40; round++) {
        for (int i = 0; i < 16384; i++) {
            seed = seed * 1103515245 + 12345;
            buf[i] = seed >> 16;
        }
        acc += crc(buf, 16384);
        for (int i = 0; i < 1024; i++) {
            seed = seed * 1103515245 + 12345;
            arr[i] = seed >> 8;
        }
        sort(arr, 1024);
        u64 m = 1;
        for (int i = 0; i < 1000; i++)
            m = m * (seed | 1) + (m / (i + 3));
        acc += (u32) m;
    }
    *RESULT = acc;
    *FINISHER = 0x5555;
    for (;;) {
    }
}
