#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build sufficiency: GSL (random numbers and distributions),
# libxlsxwriter (Excel workbooks) and pkg-config, which finds them both.
# Does nothing when pkg-config already finds both. Needs root (or sudo) only when it installs.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gsl && pkg-config --exists xlsxwriter; then
  exit 0
fi
echo "sufficiency: installing libgsl-dev, libxlsxwriter-dev and pkg-config (not all found by pkg-config)" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y libgsl-dev libxlsxwriter-dev pkg-config
for lib in gsl xlsxwriter; do
  pkg-config --exists "$lib" || { echo "sufficiency: pkg-config still cannot find $lib" >&2; exit 1; }
done
