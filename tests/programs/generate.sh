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

# Random profiles for the differential test of `pprof top`, written with
# pprof's own profile package, copied from the toolchain's cmd/vendor.
rp=$out/randprof-src
rm -rf "$rp" "$out/random"
mkdir -p "$rp/profile" "$out/random"
cp "$here/../pprof/randprof/main.go" "$here/../pprof/randprof/go.mod" "$rp/"
cp "$(go env GOROOT)/src/cmd/vendor/github.com/google/pprof/profile/"*.go "$rp/profile/"
(cd "$rp" && go build -o "$out/bin/randprof" .)
"$out/bin/randprof" -n 40 "$out/random"

# Goroutines parked on every kind of operation: one dump now, a second with
# more leaked goroutines for growth.
rm -rf "$out/goroutines" "$out/goroutines-grown" "$out/crashes"
"$out/bin/goroutinegen" "$out/goroutines"
"$out/bin/goroutinegen" -scale 3 "$out/goroutines-grown"

# Service logs with crashes. Each mode exits with status 2 by design.
mkdir -p "$out/crashes"
for mode in concurrent nilmap recovered iterate; do
  "$out/bin/crashgen" "$mode" > "$out/crashes/$mode.log" 2>&1 || true
done
GOTRACEBACK=system "$out/bin/crashgen" concurrent > "$out/crashes/concurrent-system.log" 2>&1 || true
# A supervisor's log: the service crashed and was restarted several times.
cat "$out/crashes/nilmap.log" "$out/crashes/concurrent.log" "$out/crashes/recovered.log" \
    "$out/crashes/concurrent.log" "$out/crashes/iterate.log" > "$out/crashes/service.log"
# The same, as a log shipper writes it: every line behind an RFC 3339 stamp.
awk '{ printf "2026-11-22T10:%02d:%02d.%03dZ %s\n", int(NR/60)%60, NR%60, NR%1000, $0 }' \
    "$out/crashes/service.log" > "$out/crashes/service-stamped.log"
# Map memory shapes for `mapwarden heap`: exact profiles, the same built
# with -trimpath (module-relative file names), and sampled runs at the
# runtime's default rate, one with four times the sessions.
rm -rf "$out/heap" "$out/heap-trimpath" "$out/heap-sampled" "$out/heap-sampled-4x"
"$out/bin/heapgen" "$out/heap"
(cd "$here" && go build -trimpath -o "$out/bin/heapgen-trimpath" ./heapgen)
"$out/bin/heapgen-trimpath" "$out/heap-trimpath"
"$out/bin/heapgen" -rate 524288 "$out/heap-sampled"
"$out/bin/heapgen" -rate 524288 -scale 4 "$out/heap-sampled-4x"
# The previous release of heapgen: the same program with its lines shifted,
# built and run, then moved away so that its profile's paths do not exist
# here (as for a release built elsewhere).
rel=$out/heapgen-release1
rm -rf "$rel" "$rel-moved" "$out/heap-release1"
mkdir -p "$rel/heapgen"
cp "$here/go.mod" "$rel/"
{ sed -n '1,/^package main/p' "$here/heapgen/main.go"
  printf '\n// The previous release had three more lines here.\n\n'
  sed '1,/^package main/d' "$here/heapgen/main.go"; } > "$rel/heapgen/main.go"
(cd "$rel" && go build -o "$out/bin/heapgen-release1" ./heapgen)
"$out/bin/heapgen-release1" "$out/heap-release1"
mv "$rel" "$rel-moved"
echo "generated profiles in $out" >&2
