#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build sufficiency: GSL and pkg-config.
# Does nothing when pkg-config already finds gsl. Needs root (or sudo) only when it installs.
set -euo pipefail
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gsl; then
  exit 0
fi
echo "sufficiency: installing libgsl-dev and pkg-config (GSL not found by pkg-config)" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y libgsl-dev pkg-config
pkg-config --exists gsl || { echo "sufficiency: pkg-config still cannot find gsl" >&2; exit 1; }
