// Whether a change between two heap profiles is more than sampling noise.
//
// The runtime samples an allocation of s bytes with probability
// p = 1 - exp(-s/R) (R is MemProfileRate) and scales what it samples by
// 1/p, so an in-use estimate is a sum over object sizes of w * B with
// w = s/p and B ~ Binomial(N, p), N being the true number of objects.
// Under "nothing changed", both snapshots draw from the same N, estimated
// conservatively from the larger of the two.
//
// The statistic sums each size's change in units of its own standard
// deviation, so that one large object appearing where it is sampled 999
// times in 1000 counts for more than the same bytes of small objects,
// which come and go by chance. Sizes with p < 0.1 are pooled as one normal
// variable with variance N s^2 (1-p)/p per snapshot; larger sizes are
// drawn exactly (binomially). The p-value is the share of 4,000 draws
// under "nothing changed" whose statistic is at least the observed one in
// the direction of the change: one-sided, because growth and shrinking are
// separate questions.
#ifndef MAPWARDEN_PPROF_HEAP_STATS_H_
#define MAPWARDEN_PPROF_HEAP_STATS_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace mw::pprof {

// A change is significant when its p-value is below this.
inline constexpr double kSignificanceLevel = 0.01;

// One object size's in-use bytes in the two snapshots.
struct SizeChange {
  int64_t size = 0;
  int64_t now = 0;
  int64_t base = 0;
};

// The probability of a change at least as large as the observed one (in
// its direction) from sampling alone. 0 when both profiles record every
// allocation (rate 1) and something changed; 1 when nothing changed.
// Deterministic for a given `seed`.
double ChangePValue(const std::vector<SizeChange>& sizes, int64_t rate_now, int64_t rate_base,
                    uint64_t seed);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_HEAP_STATS_H_
