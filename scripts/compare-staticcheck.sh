#!/usr/bin/env bash
# Runs mapwarden check and go-staticcheck (all its checks; SA5000 is its
# nil-map write check) over the rule fixtures in testdata/lint and prints,
# for every `// want` line, which tool reports it. The README's comparison
# table is this output.
# Usage: scripts/compare-staticcheck.sh path/to/mapwarden
set -euo pipefail
mw=$(realpath "${1:?usage: compare-staticcheck.sh MAPWARDEN}")
root=$(cd "$(dirname "$0")/../testdata/lint" && pwd)
cd "$root"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$mw" check ./... > "$out/mw.txt" || true
STATICCHECK_CACHE="$out/cache" go-staticcheck -checks SA5000 ./... > "$out/sc.txt" 2>&1 || true
printf '%-22s %-5s %-9s %-11s\n' fixture rule mapwarden staticcheck
grep -rn '// want `' --include='*.go' . | sort -t: -k1,1 -k2,2n | while IFS=: read -r file line _; do
  file=${file#./}
  rule=$(grep -m1 "^$file:$line:" "$out/mw.txt" | sed -n 's/.*\[\(MW[0-9]*\) .*/\1/p' || true)
  mw_hit=$([[ -n $rule ]] && echo yes || echo no)
  sc_hit=$(grep -q "^$file:$line:" "$out/sc.txt" && echo yes || echo no)
  printf '%-22s %-5s %-9s %-11s\n' "$file:$line" "${rule:--}" "$mw_hit" "$sc_hit"
done
printf 'findings in idioms/ (correct code, and two deliberate nil writes suppressed for mapwarden): mapwarden %s, staticcheck %s\n' \
  "$(grep -c 'idioms/' "$out/mw.txt" || true)" "$(grep -c 'idioms/' "$out/sc.txt" || true)"
