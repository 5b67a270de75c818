#!/usr/bin/env bash
# Runs every fuzz target in BUILD_DIR for SECONDS each, starting from its
# committed seed corpus (fuzz/corpus/<target>). Any crash fails the run.
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR SECONDS}
secs=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
status=0
for bin in "$build"/fuzz_*; do
  [[ -x $bin ]] || continue
  name=$(basename "$bin"); name=${name#fuzz_}
  work=$(mktemp -d)
  cp -r "$here/corpus/$name/." "$work/" 2>/dev/null || true
  if [[ $name == go_* ]]; then
    # The Go fuzzers also start from the project's own Go programs.
    cp -r "$here/corpus/go_parser/." "$work/"
    find "$here/../tests/programs" "$here/../examples" "$here/../bench" "$here/../scripts" "$here/../testdata/sema" \
      -name '*.go' -exec sh -c 'cp "$1" "$2/seed-$(echo "$1" | md5sum | cut -c1-8).go"' _ {} "$work" \;
  fi
  echo "fuzz: $name for ${secs}s" >&2
  if ! "$bin" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
       -artifact_prefix="$build/crash-$name-" "$work" 2> "$build/fuzz-$name.log"; then
    echo "fuzz: $name FAILED; see $build/fuzz-$name.log" >&2
    tail -40 "$build/fuzz-$name.log" >&2
    status=1
  else
    grep -E 'stat::number_of_executed_units' "$build/fuzz-$name.log" >&2 || true
  fi
  rm -rf "$work"
done
exit $status
