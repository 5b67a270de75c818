#!/usr/bin/env bash
# bench/heap_report: `mapwarden heap` (profile decoding, source loading and
# type-checking, line classification, per-map attribution) against
# `go tool pprof -top -lines` (what a person reads by hand to do the same),
# side by side in one invocation on the heap profile of about a million
# samples that bench/pprof_top makes. The goal is at most 0.5 s.
# Usage: run.sh path/to/mapwarden [ROUNDS]
set -euo pipefail
mw=$(realpath "${1:?usage: run.sh MAPWARDEN [ROUNDS]}")
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib.sh"
out=$(bench_out)
profile=$(heap_1m_profile "$out")
src=$here/../pprof_top/gen

measure() {
  /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" > "$out/stdout.txt" 2>/dev/null || true
  cat "$out/time.txt"
}

: > "$out/pprof-lines.txt"; : > "$out/mapwarden-heap.txt"
for ((i = 1; i <= rounds; i++)); do
  measure go tool pprof -top -lines -sample_index=inuse_space "$profile" >> "$out/pprof-lines.txt"
  measure "$mw" heap --source-root "$src" "$profile" >> "$out/mapwarden-heap.txt"
  cp "$out/stdout.txt" "$out/mapwarden-heap-report.txt"
done
p_time=$(cut -d' ' -f1 "$out/pprof-lines.txt" | median)
p_rss=$(cut -d' ' -f2 "$out/pprof-lines.txt" | median)
m_time=$(cut -d' ' -f1 "$out/mapwarden-heap.txt" | median)
m_rss=$(cut -d' ' -f2 "$out/mapwarden-heap.txt" | median)
samples=$(sed -n '1s/.*, \([0-9]*\) samples).*/\1/p' "$out/mapwarden-heap-report.txt")

printf 'bench heap_report: %s (%s samples), median of %d rounds, %d cores\n' \
  "$(basename "$profile")" "$samples" "$rounds" "$(nproc)"
printf '  %-34s %9s %12s\n' tool wall peak_rss
printf '  %-34s %8.2fs %9.0f MB\n' "go tool pprof -top -lines" "$p_time" "$(echo "$p_rss / 1024" | bc -l)"
printf '  %-34s %8.2fs %9.0f MB\n' "mapwarden heap (with the source)" "$m_time" \
  "$(echo "$m_rss / 1024" | bc -l)"
printf '  speedup %.1fx; goal: mapwarden heap <= 0.50 s\n' "$(echo "$p_time / $m_time" | bc -l)"
