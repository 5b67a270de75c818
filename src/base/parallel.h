// Minimal data parallelism: split an index range across the machine's cores.
#ifndef MAPWARDEN_BASE_PARALLEL_H_
#define MAPWARDEN_BASE_PARALLEL_H_

#include <pthread.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <thread>
#include <vector>

namespace mw {

// Number of worker threads to use: the core count, overridable with
// MAPWARDEN_THREADS for measurements.
int WorkerCount();

// Runs `fn` on a thread with a large stack (1 GB reserved, not committed)
// and waits: the parser and the checker recurse once per nesting level of
// the source (10,000 levels are accepted; go/parser: 100,000).
void RunWithLargeStack(const std::function<void()>& fn);

// Runs `work` on `threads` threads at once, each with a large stack, and
// waits. `work` is a loop taking its items from a shared counter, so the
// threads share them out. The threads are a pool's, kept between calls;
// called from one of them, the caller runs a copy itself.
void RunOnLargeStacks(int threads, const std::function<void()>& work);

// Runs different tasks side by side on up to `threads` large-stack threads
// (each takes the next task not yet started) and waits for all of them.
void RunTasks(int threads, std::initializer_list<std::function<void()>> tasks);

// The indexes of `sizes`, largest first (ties in index order): work items
// taken in this order from a shared counter end with small ones, so the
// threads finish together.
std::vector<size_t> LargestFirst(const std::vector<size_t>& sizes);

// A mutex that spins briefly before it sleeps (glibc's adaptive kind), for
// locks held for a hash lookup: a plain mutex sends the waiter to the
// kernel and back, which costs more than the wait.
class AdaptiveMutex {
 public:
  AdaptiveMutex();
  ~AdaptiveMutex();
  AdaptiveMutex(const AdaptiveMutex&) = delete;
  AdaptiveMutex& operator=(const AdaptiveMutex&) = delete;
  void lock() { pthread_mutex_lock(&mu_); }
  void unlock() { pthread_mutex_unlock(&mu_); }

 private:
  pthread_mutex_t mu_;
};

// Calls fn(chunk, begin, end) for `chunks` contiguous slices of [0, n), on
// separate threads, and waits. Chunk 0 runs on the calling thread.
template <typename Fn>
void ParallelChunks(size_t n, int chunks, Fn&& fn) {
  chunks = std::max(1, std::min<int>(chunks, static_cast<int>(std::max<size_t>(n, 1))));
  if (chunks == 1) {
    fn(0, size_t{0}, n);
    return;
  }
  std::vector<std::thread> threads;
  for (int c = 1; c < chunks; ++c) {
    threads.emplace_back([&fn, c, n, chunks] { fn(c, n * c / chunks, n * (c + 1) / chunks); });
  }
  fn(0, size_t{0}, n / chunks);
  for (std::thread& t : threads) t.join();
}

}  // namespace mw

#endif  // MAPWARDEN_BASE_PARALLEL_H_
