#!/usr/bin/env bash
# Installs every Debian 12 package mapwarden needs to build, test, fuzz and
# benchmark. Idempotent: packages already present are not touched, and
# apt-get runs only when something is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  clang libclang-rt-14-dev          # libFuzzer and the sanitizer runtimes
  zlib1g-dev libdeflate-dev libprotozero-dev libre2-dev libfmt-dev libcli11-dev
  nlohmann-json3-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  golang-go                         # builds the test programs; the parity oracle
  go-staticcheck                    # the peer in bench/check_stdlib and the fixture comparison
  time bc                           # peak RSS and ratios in benchmarks
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
