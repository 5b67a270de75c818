// Phase timing for performance work: set MAPWARDEN_TIMING=1 and each phase
// prints "timing: <phase> <ms>" on stderr. Costs one branch when off.
#ifndef MAPWARDEN_BASE_TIMING_H_
#define MAPWARDEN_BASE_TIMING_H_

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace mw {

inline bool TimingEnabled() {
  static const bool enabled = [] {
    const char* v = std::getenv("MAPWARDEN_TIMING");
    return v != nullptr && v[0] != '\0' && v[0] != '0';
  }();
  return enabled;
}

class PhaseTimer {
 public:
  explicit PhaseTimer(const char* phase) : phase_(phase) {
    if (TimingEnabled()) start_ = std::chrono::steady_clock::now();
  }
  ~PhaseTimer() {
    if (!TimingEnabled()) return;
    auto d = std::chrono::steady_clock::now() - start_;
    std::fprintf(stderr, "timing: %-12s %8.1f ms\n", phase_,
                 std::chrono::duration<double, std::milli>(d).count());
  }
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;

 private:
  const char* phase_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace mw

#endif  // MAPWARDEN_BASE_TIMING_H_
