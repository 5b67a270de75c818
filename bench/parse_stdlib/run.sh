#!/usr/bin/env bash
# bench/parse_stdlib: parse every .go file of GOROOT/src with mapwarden
# (all cores, then one core) and run `gofmt -l -e .` on the same tree, side
# by side in one invocation. Prints wall time, peak RSS, throughput and the
# ratio. Usage: run.sh path/to/mapwarden [ROUNDS]
set -euo pipefail
mw=$(realpath "${1:?usage: run.sh MAPWARDEN [ROUNDS]}")
rounds=${2:-3}
goroot=$(go env GOROOT)
src=$(realpath "$goroot/src")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bytes=$(find "$src" -name '*.go' -type f -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
files=$(find "$src" -name '*.go' -type f | wc -l)

measure() {  # prints "seconds peak_kb"; ignores the exit status (syntax errors in testdata)
  /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" > /dev/null 2>&1 || true
  tail -1 "$out/time.txt"
}
source "$(dirname "$0")/../lib.sh"

for ((i = 1; i <= rounds; i++)); do
  (cd "$src" && measure gofmt -l -e .) >> "$out/gofmt.txt"
  measure "$mw" debug parse --quiet "$src" >> "$out/mw.txt"
  measure "$mw" debug parse --quiet --jobs 1 "$src" >> "$out/mw1.txt"
done
g_t=$(cut -d' ' -f1 "$out/gofmt.txt" | median); g_m=$(cut -d' ' -f2 "$out/gofmt.txt" | median)
m_t=$(cut -d' ' -f1 "$out/mw.txt" | median); m_m=$(cut -d' ' -f2 "$out/mw.txt" | median)
s_t=$(cut -d' ' -f1 "$out/mw1.txt" | median); s_m=$(cut -d' ' -f2 "$out/mw1.txt" | median)
mb=$(echo "$bytes / 1000000" | bc -l)
printf 'bench parse_stdlib: %s (%d files, %.1f MB), median of %d rounds, %d cores\n' \
  "$src" "$files" "$mb" "$rounds" "$(nproc)"
printf '  %-34s %8s %10s %10s\n' tool wall peak_rss MB/s
printf '  %-34s %7.2fs %7.0f MB %10.1f\n' "gofmt -l -e ." "$g_t" "$(echo "$g_m/1024" | bc -l)" "$(echo "$mb/$g_t" | bc -l)"
printf '  %-34s %7.2fs %7.0f MB %10.1f\n' "mapwarden debug parse (all cores)" "$m_t" "$(echo "$m_m/1024" | bc -l)" "$(echo "$mb/$m_t" | bc -l)"
printf '  %-34s %7.2fs %7.0f MB %10.1f\n' "mapwarden debug parse --jobs 1" "$s_t" "$(echo "$s_m/1024" | bc -l)" "$(echo "$mb/$s_t" | bc -l)"
printf '  speedup over gofmt: %.1fx (all cores), %.1fx (one core)\n' \
  "$(echo "$g_t / $m_t" | bc -l)" "$(echo "$g_t / $s_t" | bc -l)"
