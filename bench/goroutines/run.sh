#!/usr/bin/env bash
# bench/goroutines: a debug=2 dump of 1,000,000 goroutines, made by
# replicating the real stacks of tests/programs/goroutinegen with fresh
# goroutine IDs, read and clustered by `mapwarden goroutines`. Prints wall
# time and peak RSS for 100,000 and 1,000,000 goroutines (memory should not
# grow with the count: only distinct stacks are kept), with `wc -l` over the
# same file as the floor for reading it. Usage: run.sh path/to/mapwarden
set -euo pipefail
mw=$(realpath "${1:?usage: run.sh MAPWARDEN}")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib.sh"
out=$(bench_out)
seed=$out/goroutines-seed
if [[ ! -s $seed/goroutine.debug2.txt ]]; then
  (cd "$here/../../tests/programs" && GOCACHE=${GOCACHE:-$out/gocache} GOFLAGS=-mod=mod \
    GOPROXY=off go run ./goroutinegen -scale 1 "$seed")
fi
make_dump() {  # N OUTFILE: N goroutines cycling through the seed's goroutine blocks
  (cd "$here/.." && GOCACHE=${GOCACHE:-$out/gocache} GOFLAGS=-mod=mod GOPROXY=off \
    go run ./goroutines/gen "$seed/goroutine.debug2.txt" "$1" "$2")
}
for n in 100000 1000000; do
  f=$out/goroutines-$n.txt
  [[ -s $f ]] || make_dump "$n" "$f"
done
measure() {
  /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" > /dev/null 2>&1 || true
  tail -1 "$out/time.txt"
}
printf 'bench goroutines: debug=2 dumps from real stacks, %d cores\n' "$(nproc)"
printf '  %-40s %8s %10s %10s\n' input wall peak_rss size
for n in 100000 1000000; do
  f=$out/goroutines-$n.txt
  read -r t m <<< "$(measure "$mw" goroutines --format json "$f")"
  read -r wt _ <<< "$(measure wc -l "$f")"
  printf '  %-40s %7.2fs %7.0f MB %7.0f MB   (wc -l: %.2fs)\n' \
    "mapwarden goroutines, $n goroutines" "$t" "$(echo "$m/1024" | bc -l)" \
    "$(echo "$(stat -c %s "$f")/1048576" | bc -l)" "$wt"
done
