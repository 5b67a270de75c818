#!/usr/bin/env bash
# Runs the commands that work on several threads (loading and parsing,
# type checking packages' bodies in parallel, the map-state flow) under
# ThreadSanitizer, on more threads than cores: `check` over the whole
# standard library with its tests, `check` on the rule fixtures, `heap` on
# its committed profile and `debug types`. Any data race fails the run.
# Usage: scripts/tsan-smoke.sh BUILD_DIR   (a -DMAPWARDEN_TSAN=ON build)
set -euo pipefail
build=$(cd "${1:?usage: tsan-smoke.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
mw=$build/mapwarden
goroot=$(go env GOROOT)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
export MAPWARDEN_THREADS=4
status=0
run() {  # DIR CMD...: findings (exit 1) are fine, a race (exit 66) is not
  local dir=$1
  shift
  local rc=0
  (cd "$dir" && "$mw" "$@") > /dev/null 2> "$log" || rc=$?
  if [[ $rc -ne 0 && $rc -ne 1 ]] || grep -q ThreadSanitizer "$log"; then
    echo "tsan-smoke: FAILED (exit $rc): mapwarden $* in $dir" >&2
    head -60 "$log" >&2
    status=1
  else
    echo "tsan-smoke: ok: mapwarden $*" >&2
  fi
}
run "$goroot/src" check --tests --jobs 4 ./...
run "$root/testdata/lint" check --jobs 4 ./...
run "$root/testdata/heap" heap --trim-path /work/main/tests/programs after.pb.gz
run "$goroot/src" debug types --tests --jobs 4 --stats ./go/... ./net/...
exit $status
