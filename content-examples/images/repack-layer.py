#!/usr/bin/env python3
"""Turns a root filesystem tarball (as mmdebstrap writes it) into a reproducible OCI layer tar.

    repack-layer.py IN.tar OUT.tar EPOCH

Keeps the input's entry order (mmdebstrap packs with GNU tar --sort=name, and a hard link must
follow its target), hard links, symlinks, modes including setuid/setgid, numeric uid/gid and
extended attributes. Names lose their "./" prefix and the root entry is dropped, like the busybox
layer. The contents of dev/, proc/ and sys/ are dropped (the guest mounts devtmpfs, proc and sysfs
there) and an empty dev/ is added when the input lacks one. Owner names are cleared and every mtime
is clamped to EPOCH. Any absolute or ".." name, hard link leaving the tree, or device node or FIFO
elsewhere is an error: none of them belongs in an image layer.
"""
import sys
import tarfile

# Directories whose contents the guest's init mounts over (DESIGN.md §2, Init).
MOUNTED = ("dev", "proc", "sys")


def fail(message):
    sys.exit(f"repack-layer: {message}")


def clean_name(name, what):
    """The entry name without "./" and trailing "/", or an error for names outside the tree."""
    while name.startswith("./"):
        name = name[2:]
    name = name.rstrip("/")
    if name.startswith("/") or ".." in name.split("/"):
        fail(f'{what} "{name}" is absolute or contains ".."; layer entries must stay inside the root')
    return name


def is_mounted_content(name):
    top, _, rest = name.partition("/")
    return top in MOUNTED and rest != ""


def normalized(member, name, epoch):
    info = tarfile.TarInfo(name)
    info.type = member.type
    info.mode = member.mode
    info.uid, info.gid = member.uid, member.gid
    info.uname = info.gname = ""
    info.mtime = min(int(member.mtime), epoch)
    info.size = member.size if member.isreg() else 0
    info.linkname = member.linkname
    # Only extended attributes (e.g. file capabilities) survive; atime/ctime and the like do not.
    info.pax_headers = {k: v for k, v in member.pax_headers.items() if k.startswith("SCHILY.xattr.")}
    return info


def empty_dir(name, epoch):
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    info.mode = 0o755
    info.mtime = epoch
    return info


def main(argv):
    if len(argv) != 4:
        fail("usage: repack-layer.py IN.tar OUT.tar EPOCH")
    source, target, epoch = argv[1], argv[2], int(argv[3])
    written = set()
    counts = {"entries": 0, "hard links": 0, "symlinks": 0, "setuid/setgid": 0, "dropped": 0}
    with tarfile.open(source, "r|") as tar_in, \
            tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tar_out:
        for member in tar_in:
            name = clean_name(member.name, "entry")
            if name == "" or name == ".":
                continue
            if is_mounted_content(name):
                counts["dropped"] += 1
                continue
            if "dev" not in written and name.split("/")[0] > "dev":
                tar_out.addfile(empty_dir("dev", epoch))
                written.add("dev")
            info = normalized(member, name, epoch)
            if member.islnk():
                info.linkname = clean_name(member.linkname, f'hard link "{name}" target')
                if info.linkname not in written:
                    fail(f'hard link "{name}" points to "{info.linkname}", which is not an earlier entry')
                counts["hard links"] += 1
            elif member.issym():
                counts["symlinks"] += 1
            elif member.ischr() or member.isblk() or member.isfifo():
                fail(f'"{name}" is a device node or FIFO; only dev/ may hold those and its contents are dropped')
            elif not (member.isreg() or member.isdir()):
                fail(f'"{name}" has tar type {member.type!r}; expected a file, directory or link')
            if member.mode & 0o6000:
                counts["setuid/setgid"] += 1
            tar_out.addfile(info, tar_in.extractfile(member) if member.isreg() else None)
            written.add(name)
            counts["entries"] += 1
        if "dev" not in written:
            tar_out.addfile(empty_dir("dev", epoch))
    print("layer: " + ", ".join(f"{v} {k}" for k, v in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
