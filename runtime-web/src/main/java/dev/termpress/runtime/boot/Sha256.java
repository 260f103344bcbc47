package dev.termpress.runtime.boot;

/**
 * SHA-256 (FIPS 180-4 §6.2) in plain Java, for pages where SubtleCrypto is missing (it exists only in
 * secure contexts: https, or http on localhost), so a site served over plain http still checks every blob.
 */
public final class Sha256 {

    private static final int BLOCK_BYTES = 64;
    private static final int LENGTH_BYTES = 8; // the message length in bits, big-endian (§5.1.1)
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    // FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };
    // FIPS 180-4 §5.3.3: the initial hash value.
    private static final int[] H0 = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };

    private Sha256() {
    }

    /** The 32-byte digest of {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] digest(byte[] data, int offset, int length) {
        int[] h = H0.clone();
        int[] w = new int[64];
        int whole = length / BLOCK_BYTES * BLOCK_BYTES;
        for (int at = 0; at < whole; at += BLOCK_BYTES) {
            compress(h, w, data, offset + at);
        }
        // Padding (§5.1.1): 0x80, zeros, then the length in bits; one or two final blocks.
        int rest = length - whole;
        byte[] tail = new byte[rest + 1 + LENGTH_BYTES <= BLOCK_BYTES ? BLOCK_BYTES : 2 * BLOCK_BYTES];
        System.arraycopy(data, offset + whole, tail, 0, rest);
        tail[rest] = (byte) 0x80;
        long bits = (long) length * 8;
        for (int i = 0; i < LENGTH_BYTES; i++) {
            tail[tail.length - 1 - i] = (byte) (bits >>> (8 * i));
        }
        for (int at = 0; at < tail.length; at += BLOCK_BYTES) {
            compress(h, w, tail, at);
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            out[4 * i] = (byte) (h[i] >>> 24);
            out[4 * i + 1] = (byte) (h[i] >>> 16);
            out[4 * i + 2] = (byte) (h[i] >>> 8);
            out[4 * i + 3] = (byte) h[i];
        }
        return out;
    }

    /** The digest of all of {@code data} as 64 lowercase hex digits. */
    public static String hexDigest(byte[] data) {
        byte[] digest = digest(data, 0, data.length);
        return hex(digest, 0, digest.length);
    }

    /** Lowercase hex of {@code bytes}. */
    public static String hex(byte[] bytes, int offset, int length) {
        char[] out = new char[2 * length];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xff;
            out[2 * i] = HEX[b >>> 4];
            out[2 * i + 1] = HEX[b & 0xf];
        }
        return new String(out);
    }

    /** One block of the hash computation (§6.2.2). */
    private static void compress(int[] h, int[] w, byte[] block, int at) {
        for (int t = 0; t < 16; t++) {
            int i = at + 4 * t;
            w[t] = (block[i] & 0xff) << 24 | (block[i + 1] & 0xff) << 16 | (block[i + 2] & 0xff) << 8 | block[i + 3] & 0xff;
        }
        for (int t = 16; t < 64; t++) {
            int s0 = Integer.rotateRight(w[t - 15], 7) ^ Integer.rotateRight(w[t - 15], 18) ^ w[t - 15] >>> 3;
            int s1 = Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19) ^ w[t - 2] >>> 10;
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int a = h[0];
        int b = h[1];
        int c = h[2];
        int d = h[3];
        int e = h[4];
        int f = h[5];
        int g = h[6];
        int hh = h[7];
        for (int t = 0; t < 64; t++) {
            int sum1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int choose = e & f ^ ~e & g;
            int t1 = hh + sum1 + choose + K[t] + w[t];
            int sum0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int majority = a & b ^ a & c ^ b & c;
            int t2 = sum0 + majority;
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
