#!/usr/bin/env bash
# The demo: run the bundled leaky service, then read its profiles with
# mapwarden. Usage: run-demo.sh path/to/mapwarden
set -euo pipefail
mw=$(realpath "${1:?usage: run-demo.sh MAPWARDEN}")
here=$(cd "$(dirname "$0")" && pwd)
out=${DEMO_OUT:-$here/../build/demo}
mkdir -p "$out"
out=$(cd "$out" && pwd)
export GOCACHE=${GOCACHE:-$out/gocache} GOFLAGS=-mod=mod GOPROXY=off
(cd "$here" && go build -o "$out/leakysvc" ./leakysvc)
"$out/leakysvc" "$out"

section() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "$2"; }

section "Which writes in the service's source can hit a nil map?" \
  "mapwarden check ./..."
(cd "$here" && "$mw" check ./...) || true

section "Which maps hold the heap, and which of them leak? (profile joined with the source)" \
  "mapwarden heap --base t1-heap.pb.gz t2-heap.pb.gz"
(cd "$here" && "$mw" heap --other 5 --base "$out/t1-heap.pb.gz" "$out/t2-heap.pb.gz") || true

section "Where is live heap memory allocated, by line?" \
  "mapwarden pprof top -lines -nodecount=8 t2-heap.pb.gz"
"$mw" pprof top -lines -nodecount=8 "$out/t2-heap.pb.gz"

section "What grew between the two snapshots?" \
  "mapwarden pprof top -base=t1-heap.pb.gz -nodecount=6 t2-heap.pb.gz"
"$mw" pprof top -base="$out/t1-heap.pb.gz" -nodecount=6 "$out/t2-heap.pb.gz"

section "Which allocation sites churn (allocated, not retained)?" \
  "mapwarden pprof top -sample_index=alloc_space -nodecount=6 t2-heap.pb.gz"
"$mw" pprof top -sample_index=alloc_space -nodecount=6 "$out/t2-heap.pb.gz"

section "Which goroutines leak, and are they growing?" \
  "mapwarden goroutines --base t1-goroutine.txt t2-goroutine.txt"
"$mw" goroutines --base "$out/t1-goroutine.txt" "$out/t2-goroutine.txt" || true
