# Shared by the benchmarks (sourced, not run).

# The benchmarks' output directory ($BENCH_OUT, default build/bench), made
# and printed as an absolute path.
bench_out() {
  local bench
  bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  local out=${BENCH_OUT:-$bench/../build/bench}
  mkdir -p "$out"
  (cd "$out" && pwd)
}

# The median of a column of numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Makes, once, the heap profile of about a million samples that
# bench/pprof_top/gen writes, in directory $1, and prints its path.
heap_1m_profile() {
  local out=$1
  local bench
  bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  local profile=$out/heap-1m.pb.gz
  if [[ ! -s $profile ]]; then
    echo "bench: generating $profile (about 15 s)" >&2
    (cd "$bench" && GOCACHE=${GOCACHE:-$out/gocache} GOFLAGS=-mod=mod GOPROXY=off \
      go run ./pprof_top/gen "$profile")
  fi
  echo "$profile"
}
