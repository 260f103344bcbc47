#!/bin/sh
# Rebuilds the GNU tar fixtures of the image filesystem tests (GNU tar 1.34, run as root for mknod).
# Modification times other than etc/os-release's are the time of the run; the tests do not look at them.
set -eu
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/tree" && cd "$work/tree"
long_dir=$(printf 'd%.0s' $(seq 60))/$(printf 'e%.0s' $(seq 60))
mkdir -p etc usr/bin "dir with spaces/ünïcode" "$long_dir"
printf 'ID=fixture\n' > etc/os-release
printf '#!/bin/sh\necho hi\n' > usr/bin/hello
chmod 4755 usr/bin/hello
ln usr/bin/hello usr/bin/hello-again
ln -s ../usr/bin/hello etc/hello-link
ln -s "/$(printf 't%.0s' $(seq 150))" etc/long-target
printf 'long path content\n' > "$long_dir/$(printf 'f%.0s' $(seq 50))"
printf 'x' > "dir with spaces/ünïcode/файл"
mkfifo etc/fifo
mknod etc/null c 1 3
head -c 5000 /dev/zero | tr '\0' 'z' > usr/bin/big
TZ=UTC touch -d '2021-02-03 04:05:06.123456789' etc/os-release
cd "$work"
for format in gnu pax; do
    tar --format=$format --owner=0 --group=0 --numeric-owner -C tree -cf - . | gzip -9 -n > "$out/fixture-$format.tar.gz"
done
tar --format=pax --owner=1000 --group=1000 --numeric-owner -C tree --transform 's|^\./||' -cf - etc usr \
    | gzip -9 -n > "$out/fixture-paxnames.tar.gz"
