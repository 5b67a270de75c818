#!/usr/bin/env bash
# bench/check_stdlib: `mapwarden check --tests` over GOROOT/src's go/...
# packages, side by side in one invocation with `go-staticcheck -checks
# SA5000` (Debian's staticcheck; its nil-map-write check) on the same
# packages. staticcheck's own cache is cleared before each of its runs; the
# Go build cache is warm (a first, untimed staticcheck run warms it). Then
# mapwarden over the whole of GOROOT/src. Prints wall time, peak RSS, the
# findings of each tool and the ratio.
# Usage: run.sh path/to/mapwarden [ROUNDS]
set -euo pipefail
export LC_ALL=C  # a decimal point in $EPOCHREALTIME, for bc
mw=$(realpath "${1:?usage: run.sh MAPWARDEN [ROUNDS]}")
rounds=${2:-3}
command -v go-staticcheck > /dev/null || { echo "go-staticcheck not installed (apt-get install go-staticcheck)" >&2; exit 2; }
src=$(go env GOROOT)/src
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

measure() {  # prints "seconds peak_kb"; the command's output goes to $out/last.txt
  # Wall time from bash's own clock: /usr/bin/time's hundredths are too
  # coarse for mapwarden's tenths of a second, and running `date` around
  # the command added its own start-up, about 5 ms, to every run.
  local t0 t1
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$out/time.txt" "$@" > "$out/last.txt" 2>&1 || true
  t1=$EPOCHREALTIME
  printf '%.3f %s\n' "$(echo "$t1 - $t0" | bc -l)" "$(tail -1 "$out/time.txt")"
}
source "$(dirname "$0")/../lib.sh"

cd "$src"
STATICCHECK_CACHE="$out/warm" go-staticcheck -checks SA5000 -tests ./go/... > /dev/null 2>&1 || true
for ((i = 1; i <= rounds; i++)); do
  # mapwarden's runs are short: five per round, beside each staticcheck run.
  for ((j = 1; j <= 5; j++)); do measure "$mw" check --tests ./go/... >> "$out/mw.txt"; done
  mw_findings=$(grep -c '\[MW' "$out/last.txt" || true)
  rm -rf "$out/sc-cache"
  STATICCHECK_CACHE="$out/sc-cache" measure go-staticcheck -checks SA5000 -tests ./go/... >> "$out/sc.txt"
  sc_findings=$(grep -c 'SA5000' "$out/last.txt" || true)
done
measure "$mw" check --tests ./... > "$out/all.txt"
all_findings=$(grep -c '\[MW' "$out/last.txt" || true)
m_t=$(cut -d' ' -f1 "$out/mw.txt" | median); m_m=$(cut -d' ' -f2 "$out/mw.txt" | median)
s_t=$(cut -d' ' -f1 "$out/sc.txt" | median); s_m=$(cut -d' ' -f2 "$out/sc.txt" | median)
a_t=$(cut -d' ' -f1 "$out/all.txt"); a_m=$(cut -d' ' -f2 "$out/all.txt")
printf 'bench check_stdlib: GOROOT/src go/... with tests, median of %d rounds (mapwarden: of %d runs), %d cores\n' \
  "$rounds" "$((rounds * 5))" "$(nproc)"
printf '  %-46s %8s %10s %9s\n' tool wall peak_rss findings
row() { printf '  %-46s %7.3fs %7.0f MB %9s\n' "$1" "$2" "$(echo "$3/1024" | bc -l)" "$4"; }
row "mapwarden check --tests ./go/..." "$m_t" "$m_m" "$mw_findings"
row "go-staticcheck -checks SA5000 -tests ./go/..." "$s_t" "$s_m" "$sc_findings"
row "mapwarden check --tests ./... (all of GOROOT/src)" "$a_t" "$a_m" "$all_findings"
printf '  ratio: %.0fx faster than staticcheck\n' "$(echo "$s_t / $m_t" | bc -l)"
