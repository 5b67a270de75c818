#include "pprof/heap_stats.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace mw::pprof {
namespace {

constexpr int kDraws = 4000;
constexpr double kExactBelow = 0.1;  // sizes sampled with p >= this are drawn exactly

double SampleProbability(int64_t size, int64_t rate) {
  if (rate <= 1) return 1.0;
  return 1.0 - std::exp(-static_cast<double>(size) / static_cast<double>(rate));
}

}  // namespace

double ChangePValue(const std::vector<SizeChange>& sizes, int64_t rate_now, int64_t rate_base,
                    uint64_t seed) {
  double observed = 0;
  for (const SizeChange& c : sizes)
    observed += (static_cast<double>(c.now) - static_cast<double>(c.base));
  if (observed == 0) return 1.0;
  const double sign = observed > 0 ? 1.0 : -1.0;
  struct Exact {
    int64_t n;
    double p_now, p_base, w_now, w_base, sd, d;
  };
  std::vector<Exact> exact;
  double small_variance = 0, small_observed = 0, t_observed = 0;
  for (const SizeChange& c : sizes) {
    if (c.size <= 0) continue;
    const double s = static_cast<double>(c.size);
    const double d = (static_cast<double>(c.now) - static_cast<double>(c.base));
    const double p_now = SampleProbability(c.size, rate_now);
    const double p_base = SampleProbability(c.size, rate_base);
    // The true number of objects, from the larger estimate.
    const int64_t n = std::llround(static_cast<double>(std::max(c.now, c.base)) / s);
    if (n <= 0 || p_now <= 0 || p_base <= 0) continue;
    if (p_now < kExactBelow && p_base < kExactBelow) {
      small_variance +=
          static_cast<double>(n) * s * s * ((1 - p_now) / p_now + (1 - p_base) / p_base);
      small_observed += d;
      continue;
    }
    const double w_now = s / p_now, w_base = s / p_base;
    const double sd = std::sqrt(static_cast<double>(n) * (p_now * (1 - p_now) * w_now * w_now +
                                                          p_base * (1 - p_base) * w_base * w_base));
    if (sd < 1e-9) {
      // Every object of this size is sampled in both: a change is real.
      if (sign * d > 0) return 0.0;
      continue;
    }
    exact.push_back({n, p_now, p_base, w_now, w_base, sd, d});
  }
  // Hostile profiles can have thousands of large sizes: draw the 64 with
  // the widest spread exactly and pool the rest.
  constexpr size_t kMaxExact = 64;
  if (exact.size() > kMaxExact) {
    std::sort(exact.begin(), exact.end(),
              [](const Exact& a, const Exact& b) { return a.sd > b.sd; });
    for (size_t i = kMaxExact; i < exact.size(); ++i) {
      small_variance += exact[i].sd * exact[i].sd;
      small_observed += exact[i].d;
    }
    exact.resize(kMaxExact);
  }
  for (const Exact& e : exact) t_observed += e.d / e.sd;
  const double small_sd = std::sqrt(small_variance);
  if (small_sd > 0) t_observed += small_observed / small_sd;
  if (exact.empty() && small_sd <= 0) return 0.0;
  // Each size's change in its own standard deviations, summed: one more
  // sampled object of a size sampled 999 times in 1000 weighs far more
  // than the same bytes of small objects, which come and go by chance.
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  int at_least = 0;
  for (int i = 0; i < kDraws; ++i) {
    double t = small_sd > 0 ? normal(rng) : 0.0;
    for (const Exact& e : exact) {
      std::binomial_distribution<int64_t> now(e.n, std::min(1.0, e.p_now));
      std::binomial_distribution<int64_t> base(e.n, std::min(1.0, e.p_base));
      t += (e.w_now * static_cast<double>(now(rng)) - e.w_base * static_cast<double>(base(rng))) /
           e.sd;
    }
    if (sign * t >= sign * t_observed) ++at_least;
  }
  return (at_least + 1.0) / (kDraws + 1.0);
}

}  // namespace mw::pprof
