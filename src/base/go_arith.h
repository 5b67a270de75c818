// Go's integer arithmetic, for values read from untrusted input.
//
// Go defines signed overflow to wrap; C++ leaves it undefined. Code that
// computes what a Go tool computes (pprof's sums, scaling and totals) over
// numbers taken from a file uses these, so that a hostile profile gives the
// answer Go would give instead of undefined behaviour.
#ifndef MAPWARDEN_BASE_GO_ARITH_H_
#define MAPWARDEN_BASE_GO_ARITH_H_

#include <cstdint>
#include <limits>

namespace mw {

inline int64_t WrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t WrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
inline int64_t WrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}
inline int64_t WrapNeg(int64_t a) { return static_cast<int64_t>(0 - static_cast<uint64_t>(a)); }

// Go's abs idiom `if v < 0 { v = -v }`: math.MinInt64 stays negative.
inline int64_t WrapAbs(int64_t a) { return a < 0 ? WrapNeg(a) : a; }

// Go's int64(f) on amd64 (CVTTSD2SQ): NaN and values outside int64's range
// give math.MinInt64.
inline int64_t GoFloatToInt64(double f) {
  constexpr double kTwo63 = 9223372036854775808.0;
  if (!(f >= -kTwo63 && f < kTwo63)) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(f);
}

}  // namespace mw

#endif  // MAPWARDEN_BASE_GO_ARITH_H_
