#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine, and nothing when it is all present:
# system packages (apt-get, --no-install-recommends, only the missing ones), the Python reader used by
# the archive tests (h5py, optional) and the datasets (scripts/fetch-data.sh, only when absent).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libhdf5-dev hdf5-tools libplplot-dev plplot-driver-cairo libopenblas-dev liblapacke-dev zlib1g-dev dataset-fashion-mnist)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if command -v python3 >/dev/null && ! python3 -c "import h5py, numpy" 2>/dev/null; then
  echo "setup: installing h5py and numpy for the archive checks and benchmarks"
  python3 -m pip install -q h5py numpy 2>/dev/null || echo "setup: h5py could not be installed; the h5py checks will be skipped"
fi

bash scripts/fetch-data.sh
