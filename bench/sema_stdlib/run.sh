#!/usr/bin/env bash
# bench/sema_stdlib: load, parse and type-check every standard package with
# its tests (`mapwarden debug types --tests --stats std`: every expression
# typed, imports read from source, nothing printed but a summary), and the
# same plus the rules' facts (`debug facts --tests std`), side by side in one
# invocation with the Go references on the same tree: go/types alone
# (typesdump -tests over the same directories, which also prints its dump)
# and `go vet std` with a cold build cache. Prints wall time, peak RSS and
# the ratios.
# Usage: run.sh path/to/mapwarden [ROUNDS]
set -euo pipefail
mw=$(realpath "${1:?usage: run.sh MAPWARDEN [ROUNDS]}")
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
goroot=$(go env GOROOT)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$here/../../tests/programs" && go build -o "$out/typesdump" ./typesdump)
mapfile -t dirs < <("$mw" debug list std | cut -d'|' -f1 | sed "s|^|$goroot/src/|")

measure() {  # prints "seconds peak_kb"
  /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" > /dev/null 2>&1 || true
  tail -1 "$out/time.txt"
}
source "$here/../lib.sh"

for ((i = 1; i <= rounds; i++)); do
  measure "$mw" debug types --tests --stats std >> "$out/mw.txt"
  measure "$mw" debug facts --tests std >> "$out/facts.txt"
  measure "$out/typesdump" -tests "${dirs[@]}" >> "$out/types.txt"
done
# go vet once: a cold run takes minutes.
GOCACHE="$out/gocache" measure go vet std >> "$out/vet.txt"
m_t=$(cut -d' ' -f1 "$out/mw.txt" | median); m_m=$(cut -d' ' -f2 "$out/mw.txt" | median)
f_t=$(cut -d' ' -f1 "$out/facts.txt" | median); f_m=$(cut -d' ' -f2 "$out/facts.txt" | median)
t_t=$(cut -d' ' -f1 "$out/types.txt" | median); t_m=$(cut -d' ' -f2 "$out/types.txt" | median)
v_t=$(cut -d' ' -f1 "$out/vet.txt"); v_m=$(cut -d' ' -f2 "$out/vet.txt")
printf 'bench sema_stdlib: %d standard packages with tests, median of %d rounds, %d cores\n' \
  "${#dirs[@]}" "$rounds" "$(nproc)"
printf '  %-40s %8s %10s\n' tool wall peak_rss
row() { printf '  %-40s %7.2fs %7.0f MB\n' "$1" "$2" "$(echo "$3/1024" | bc -l)"; }
row "mapwarden debug types --tests --stats" "$m_t" "$m_m"
row "mapwarden debug facts --tests" "$f_t" "$f_m"
row "go/types (typesdump -tests)" "$t_t" "$t_m"
row "go vet std (cold cache, one run)" "$v_t" "$v_m"
printf '  ratio: %.0fx faster than go/types, %.0fx faster than go vet\n' \
  "$(echo "$t_t / $m_t" | bc -l)" "$(echo "$v_t / $m_t" | bc -l)"
