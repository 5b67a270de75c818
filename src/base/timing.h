// Phase timing for performance work: set MAPWARDEN_TIMING=1 and each phase
// prints "timing: <phase> <wall ms> cpu <ms>" on stderr; cpu is all
// threads' user and system time, so wall * cores - cpu is the time cores sat
// idle in the phase. Costs one branch when off.
#ifndef MAPWARDEN_BASE_TIMING_H_
#define MAPWARDEN_BASE_TIMING_H_

#include <sys/resource.h>

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
    if (!TimingEnabled()) return;
    start_ = std::chrono::steady_clock::now();
    cpu_start_ = CpuMillis(&faults_start_);
  }
  ~PhaseTimer() {
    if (!TimingEnabled()) return;
    auto d = std::chrono::steady_clock::now() - start_;
    long faults = 0;
    const double cpu = CpuMillis(&faults) - cpu_start_;
    std::fprintf(stderr, "timing: %-12s %8.1f ms  cpu %8.1f ms  faults %6ld\n", phase_,
                 std::chrono::duration<double, std::milli>(d).count(), cpu, faults - faults_start_);
  }
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;

 private:
  // All threads' CPU time, and the page faults taken (minor and major).
  static double CpuMillis(long* faults) {
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0) return 0;
    *faults = ru.ru_minflt + ru.ru_majflt;
    auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
    return ms(ru.ru_utime) + ms(ru.ru_stime);
  }

  const char* phase_;
  double cpu_start_ = 0;
  long faults_start_ = 0;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace mw

#endif  // MAPWARDEN_BASE_TIMING_H_
