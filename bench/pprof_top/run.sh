#!/usr/bin/env bash
# bench/pprof_top: `go tool pprof -top` against `mapwarden pprof top` on a
# heap profile of about a million samples, side by side in one invocation
# (the machines are noisy, so only ratios from one run mean anything).
# Prints wall time and peak RSS of each, their ratios, and checks that both
# printed the same report. Usage: run.sh path/to/mapwarden [ROUNDS]
set -euo pipefail
mw=$(realpath "${1:?usage: run.sh MAPWARDEN [ROUNDS]}")
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib.sh"
out=$(bench_out)
profile=$(heap_1m_profile "$out")

# Runs a command, printing "seconds peak_kb".
measure() {
  /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" > "$out/stdout.txt" 2>/dev/null
  cat "$out/time.txt"
}


: > "$out/pprof.txt"; : > "$out/mapwarden.txt"
for ((i = 1; i <= rounds; i++)); do
  measure go tool pprof -top "$profile" >> "$out/pprof.txt"
  cp "$out/stdout.txt" "$out/pprof-report.txt"
  measure "$mw" pprof top "$profile" >> "$out/mapwarden.txt"
  cp "$out/stdout.txt" "$out/mapwarden-report.txt"
done

p_time=$(cut -d' ' -f1 "$out/pprof.txt" | median)
p_rss=$(cut -d' ' -f2 "$out/pprof.txt" | median)
m_time=$(cut -d' ' -f1 "$out/mapwarden.txt" | median)
m_rss=$(cut -d' ' -f2 "$out/mapwarden.txt" | median)
same=no
cmp -s "$out/pprof-report.txt" "$out/mapwarden-report.txt" && same=yes

printf 'bench pprof_top: %s (%s compressed), median of %d rounds, %d cores\n' \
  "$(basename "$profile")" "$(du -h "$profile" | cut -f1)" "$rounds" "$(nproc)"
printf '  %-22s %9s %12s\n' tool wall peak_rss
printf '  %-22s %8.2fs %9.0f MB\n' "go tool pprof -top" "$p_time" "$(echo "$p_rss / 1024" | bc -l)"
printf '  %-22s %8.2fs %9.0f MB\n' "mapwarden pprof top" "$m_time" "$(echo "$m_rss / 1024" | bc -l)"
printf '  speedup %.1fx, memory 1/%.1f, identical output: %s\n' \
  "$(echo "$p_time / $m_time" | bc -l)" "$(echo "$p_rss / $m_rss" | bc -l)" "$same"
