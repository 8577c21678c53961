#!/bin/sh
# Installs the Debian packages nki needs to build and test, and nothing else (python3-torch is
# for the PyTorch tests and examples: a one-time ~50 MB download, about a minute).
# Idempotent: packages already present are skipped, so a second run costs no network.
set -eu

PACKAGES="g++ cmake make git pkg-config
libgtest-dev libgmock-dev
python3 python3-numpy python3-pytest pybind11-dev python3-dev
libopenblas-dev nlohmann-json3-dev libcli11-dev libfmt-dev zlib1g-dev
clang-format clang-tidy
python3-torch"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

echo "install-deps: installing:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
