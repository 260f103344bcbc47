# Helpers shared by the image build scripts (build-busybox.sh, build-debian.sh); source it, do not run it.
#
# Needs bash, apt-get, coreutils and python3. Nothing here writes outside the directories it is given.

# The private trixie/riscv64 APT (trixie_apt_setup, trixie_download, trixie_mirror_uri, $TRIXIE_APT_DIR)
# is the kernel build's, so every build script shares one setup and one state directory.
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../emulator/kernel" && pwd)/trixie-apt.sh"

# Prints the Unix time of the "Date:" field of SUITE's Release file as fetched by trixie_apt_setup.
release_epoch() {
  local apt_dir="$1" suite="$2" release date
  release="$(ls "$apt_dir"/state/lists/*_dists_"${suite}"_InRelease 2>/dev/null | head -n1)"
  [ -n "$release" ] || { echo "error: no InRelease for $suite under $apt_dir/state/lists" >&2; return 1; }
  date="$(sed -n 's/^Date: //p' "$release" | head -n1)"
  [ -n "$date" ] || { echo "error: $release has no Date: field" >&2; return 1; }
  date -u -d "$date" +%s
}

# Writes an OCI image layout (image-spec v1.1: image-layout.md, manifest.md, config.md) with one
# gzip layer into OUT (which must not exist yet; blobs are moved, not copied):
#   write_oci_layout OUT LAYER_TAR LAYER_TAR_GZ CREATED CONFIG_OBJECT CREATED_BY REF_NAME
# CONFIG_OBJECT is the config's "config" member as JSON, e.g. {"Env":[...],"Cmd":["/bin/sh"]}.
# The JSON is written byte for byte as given, without whitespace, so equal inputs give equal digests.
write_oci_layout() {
  local out="$1" layer_tar="$2" layer_gz="$3" created="$4" config_object="$5" created_by="$6" ref_name="$7"
  local diff_id layer_size layer_hex config_size config_hex manifest_size manifest_hex
  mkdir -p "$out/blobs/sha256"

  diff_id="$(_sha "$layer_tar")"
  layer_size="$(_size "$layer_gz")"
  layer_hex="$(_store "$out" "$layer_gz")"

  printf '%s' "{\"created\":\"$created\",\"architecture\":\"riscv64\",\"os\":\"linux\",\
\"config\":$config_object,\
\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$diff_id\"]},\
\"history\":[{\"created\":\"$created\",\"created_by\":\"$created_by\"}]}" \
    > "$out/config.json"
  config_size="$(_size "$out/config.json")"
  config_hex="$(_store "$out" "$out/config.json")"

  printf '%s' "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\
\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$config_hex\",\"size\":$config_size},\
\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$layer_hex\",\"size\":$layer_size}]}" \
    > "$out/manifest.json"
  manifest_size="$(_size "$out/manifest.json")"
  manifest_hex="$(_store "$out" "$out/manifest.json")"

  printf '%s' "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\
\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:$manifest_hex\",\
\"size\":$manifest_size,\"platform\":{\"architecture\":\"riscv64\",\"os\":\"linux\"},\
\"annotations\":{\"org.opencontainers.image.ref.name\":\"$ref_name\"}}]}" > "$out/index.json"
  printf '%s' '{"imageLayoutVersion":"1.0.0"}' > "$out/oci-layout"

  echo "manifest: sha256:$manifest_hex (layer $layer_size bytes)" >&2
}

# Succeeds when DIR is a complete OCI layout whose index names REF_NAME for linux/riscv64 and every
# blob that manifest reaches (manifest, config, layers) is present with the right size and sha256.
# With CREATED_BY, the config's first history entry must also say exactly that (the build recipe).
#   oci_layout_valid DIR REF_NAME [CREATED_BY]
oci_layout_valid() {
  python3 - "$1" "$2" "${3:-}" <<'PY'
import hashlib, json, os, sys
root, ref, created_by = sys.argv[1], sys.argv[2], sys.argv[3]
def blob(desc):
    algo, hex_ = desc["digest"].split(":", 1)
    path = os.path.join(root, "blobs", algo, hex_)
    if algo != "sha256" or os.path.getsize(path) != desc["size"]:
        sys.exit(f"{path}: wrong size or digest algorithm")
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    if h.hexdigest() != hex_:
        sys.exit(f"{path}: sha256 mismatch")
    with open(path, "rb") as f:
        return f.read() if desc["size"] < (1 << 20) else None
try:
    with open(os.path.join(root, "oci-layout")) as f:
        json.load(f)["imageLayoutVersion"]
    with open(os.path.join(root, "index.json")) as f:
        index = json.load(f)
    entries = [m for m in index["manifests"]
               if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == ref
               and m.get("platform", {}).get("architecture") == "riscv64"]
    if len(entries) != 1:
        sys.exit(f"{root}/index.json: no single linux/riscv64 entry named {ref}")
    manifest = json.loads(blob(entries[0]))
    config = json.loads(blob(manifest["config"]))
    if created_by and config["history"][0].get("created_by") != created_by:
        sys.exit(f"{root}: built by another recipe ({config['history'][0].get('created_by')!r})")
    for layer in manifest["layers"]:
        blob(layer)
except (OSError, KeyError, ValueError, TypeError) as e:
    sys.exit(f"{root}: {e}")
PY
}

_sha() { sha256sum "$1" | cut -d' ' -f1; }
_size() { stat -c %s "$1"; }
# Moves a file into OUT's blob store and prints its hex digest.
_store() { local h; h="$(_sha "$2")"; mv "$2" "$1/blobs/sha256/$h"; echo "$h"; }
