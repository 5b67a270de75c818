#include "base/parallel.h"

#include <pthread.h>

#include <algorithm>
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

namespace {

// Starts `fn` on a new thread with a large stack; false if none could be
// made.
bool StartLargeStack(const std::function<void()>* fn, pthread_t* thread) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  // Reserved, not committed: only the pages a deep recursion touches are used.
  pthread_attr_setstacksize(&attr, size_t{1} << 30);
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  const bool ok =
      pthread_create(thread, &attr, trampoline, const_cast<std::function<void()>*>(fn)) == 0;
  pthread_attr_destroy(&attr);
  return ok;
}

}  // namespace

void RunWithLargeStack(const std::function<void()>& fn) { RunOnLargeStacks(1, fn); }

void RunOnLargeStacks(int threads, const std::function<void()>& work) {
  std::vector<pthread_t> started;
  for (int t = 0; t < std::max(threads, 1); ++t) {
    pthread_t thread;
    if (!StartLargeStack(&work, &thread)) break;
    started.push_back(thread);
  }
  if (started.empty()) work();  // no thread could be made: the caller's stack
  for (pthread_t thread : started) pthread_join(thread, nullptr);
}

std::vector<size_t> LargestFirst(const std::vector<size_t>& sizes) {
  std::vector<size_t> order(sizes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  return order;
}

AdaptiveMutex::AdaptiveMutex() {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ADAPTIVE_NP);
  pthread_mutex_init(&mu_, &attr);
  pthread_mutexattr_destroy(&attr);
}

AdaptiveMutex::~AdaptiveMutex() { pthread_mutex_destroy(&mu_); }

}  // namespace mw
