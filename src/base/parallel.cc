#include "base/parallel.h"

#include <cstdlib>

namespace mw {

int WorkerCount() {
  static const int count = [] {
    if (const char* v = std::getenv("MAPWARDEN_THREADS")) {
      int n = std::atoi(v);
      if (n > 0) return std::min(n, 256);
    }
    unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(std::min(hw, 64u));
  }();
  return count;
}

}  // namespace mw
