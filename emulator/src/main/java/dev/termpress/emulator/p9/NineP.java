package dev.termpress.emulator.p9;

/**
 * Numbers of the 9P2000.L protocol (Linux {@code include/net/9p/9p.h} and the 9P2000.L description):
 * message types, qid types, flags.
 */
final class NineP {

    static final String VERSION_9P2000_L = "9P2000.L";
    static final String VERSION_UNKNOWN = "unknown";
    static final int NOTAG = 0xffff;
    static final int NOFID = 0xffff_ffff;
    /** size[4] type[1] tag[2]. */
    static final int HEADER_SIZE = 7;
    /** Most names one Twalk may carry (MAXWELEM). */
    static final int MAX_WALK_NAMES = 16;

    // Message types; a reply is its request's type + 1.
    static final int TLERROR = 6;
    static final int RLERROR = 7;
    static final int TSTATFS = 8;
    static final int TLOPEN = 12;
    static final int TLCREATE = 14;
    static final int TSYMLINK = 16;
    static final int TMKNOD = 18;
    static final int TRENAME = 20;
    static final int TREADLINK = 22;
    static final int TGETATTR = 24;
    static final int TSETATTR = 26;
    static final int TXATTRWALK = 30;
    static final int TXATTRCREATE = 32;
    static final int TREADDIR = 40;
    static final int TFSYNC = 50;
    static final int TLOCK = 52;
    static final int TGETLOCK = 54;
    static final int TLINK = 70;
    static final int TMKDIR = 72;
    static final int TRENAMEAT = 74;
    static final int TUNLINKAT = 76;
    static final int TVERSION = 100;
    static final int TAUTH = 102;
    static final int TATTACH = 104;
    static final int TFLUSH = 108;
    static final int TWALK = 110;
    static final int TREAD = 116;
    static final int TWRITE = 118;
    static final int TCLUNK = 120;
    static final int TREMOVE = 122;

    // Qid types (9p.h, enum p9_qid_t).
    static final int QTDIR = 0x80;
    static final int QTSYMLINK = 0x02;
    static final int QTFILE = 0x00;
    /** type[1] version[4] path[8]. */
    static final int QID_SIZE = 13;

    // Tgetattr request mask / Rgetattr valid bits (9p.h P9_STATS_*).
    static final long STATS_BASIC = 0x7ff;

    // Tsetattr valid bits (9p.h P9_ATTR_*).
    static final int ATTR_MODE = 1;
    static final int ATTR_UID = 1 << 1;
    static final int ATTR_GID = 1 << 2;
    static final int ATTR_SIZE = 1 << 3;
    static final int ATTR_ATIME = 1 << 4;
    static final int ATTR_MTIME = 1 << 5;
    static final int ATTR_ATIME_SET = 1 << 7;
    static final int ATTR_MTIME_SET = 1 << 8;

    // Tlopen/Tlcreate flags (9p.h P9_DOTL_*, the same values as Linux's generic O_* flags).
    static final int O_ACCMODE = 3;
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_TRUNC = 01000;

    /** Tunlinkat flag: remove a directory (Linux AT_REMOVEDIR). */
    static final int AT_REMOVEDIR = 0x200;

    // Tlock status and Tgetlock types (9p.h P9_LOCK_*).
    static final int LOCK_SUCCESS = 0;
    static final int LOCK_TYPE_UNLCK = 2;

    /** Rstatfs f_type: V9FS_MAGIC. */
    static final int V9FS_MAGIC = 0x01021997;

    // Directory entry types for Rreaddir (Linux DT_*).
    static final int DT_FIFO = 1;
    static final int DT_CHR = 2;
    static final int DT_DIR = 4;
    static final int DT_BLK = 6;
    static final int DT_REG = 8;
    static final int DT_LNK = 10;
    static final int DT_SOCK = 12;

    private NineP() {
    }
}
