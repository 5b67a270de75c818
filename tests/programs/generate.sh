#!/usr/bin/env bash
# Builds the Go test programs with the system Go toolchain and runs them to
# produce real profiles and dumps under OUTDIR. Called by the test suite.
set -euo pipefail
out=${1:?usage: generate.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/bin"
out=$(cd "$out" && pwd)
export GOCACHE=${GOCACHE:-$out/gocache}
export GOFLAGS=-mod=mod GOPROXY=off GO111MODULE=on
(cd "$here" && go build -o "$out/bin/" ./...)
rm -rf "$out/exact" "$out/sampled"
"$out/bin/profilegen" "$out/exact"
PROFILEGEN_RATE=4096 "$out/bin/profilegen" "$out/sampled"
# An uncompressed proto, as some tools write them.
gzip -dc "$out/exact/heap.pb.gz" > "$out/exact/heap-raw.pb"
echo "generated profiles in $out" >&2
