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

# Node.js and npm fetch the SARIF validator below; most machines have them.
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The official SARIF validator (Microsoft's SARIF Multitool, from the npm
# registry): the tests run it on `mapwarden check --format sarif` output,
# with the SARIF schema's rules and GitHub code scanning's ingestion rules.
root=$(cd "$(dirname "$0")/.." && pwd)
sarif_dir=$root/.tools/sarif-multitool
sarif_tool=$sarif_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [[ ! -x $sarif_tool ]]; then
  echo "install-deps: installing @microsoft/sarif-multitool-linux with npm" >&2
  mkdir -p "$sarif_dir"
  npm install --prefix "$sarif_dir" --no-audit --no-fund --ignore-scripts --loglevel=error \
    @microsoft/sarif-multitool-linux@5.7.0 >&2
  chmod u+x "$sarif_tool"
fi
