#include "base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace mw {
namespace {

TEST(LargestFirst, OrdersBySizeDescendingAndKeepsTiesInIndexOrder) {
  EXPECT_EQ(LargestFirst({3, 10, 3, 0, 10, 7}), (std::vector<size_t>{1, 4, 5, 0, 2, 3}));
  EXPECT_EQ(LargestFirst({}), std::vector<size_t>{});
  EXPECT_EQ(LargestFirst({5}), std::vector<size_t>{0});
}

TEST(RunOnLargeStacks, EveryItemOfTheSharedCounterRunsOnce) {
  const std::vector<size_t> order = LargestFirst({1, 9, 4, 4, 2, 8, 0, 3});
  std::vector<std::atomic<int>> runs(order.size());
  std::atomic<size_t> next{0};
  RunOnLargeStacks(3, [&] {
    for (size_t k; (k = next.fetch_add(1)) < order.size();) runs[order[k]].fetch_add(1);
  });
  for (size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i].load(), 1) << "item " << i;
}

// Each copy runs on a thread of its own, all at once: a copy that waits
// for the others (as the import prefetcher's workers wait for each
// other's jobs) is never left waiting for a copy that cannot start.
TEST(RunOnLargeStacks, CopiesRunAtOnceEvenWhenNested) {
  for (int round = 0; round < 3; ++round) {
    std::atomic<int> outer{0}, inner_done{0};
    RunOnLargeStacks(3, [&] {
      outer.fetch_add(1);
      while (outer.load() < 3) std::this_thread::yield();
      std::atomic<int> inner{0};
      RunOnLargeStacks(2, [&] {
        inner.fetch_add(1);
        while (inner.load() < 2) std::this_thread::yield();
      });
      inner_done.fetch_add(1);
    });
    EXPECT_EQ(inner_done.load(), 3);
  }
}

// Workers are kept between calls, and their stacks stay large: a
// recursion far deeper than a default 8 MB stack allows.
TEST(RunWithLargeStack, DeepRecursionOnAReusedWorker) {
  struct Recurse {
    static int64_t Depth(int64_t n) {
      volatile char frame[512];
      frame[0] = static_cast<char>(n);
      return n == 0 ? frame[0] : 1 + Depth(n - 1);
    }
  };
  for (int round = 0; round < 3; ++round) {
    int64_t depth = 0;
    RunWithLargeStack([&] { depth = Recurse::Depth(100000); });  // about 60 MB
    EXPECT_EQ(depth, 100000);
    // From a worker, RunWithLargeStack runs in place.
    RunWithLargeStack([&] { RunWithLargeStack([&] { depth = Recurse::Depth(50000); }); });
    EXPECT_EQ(depth, 50000);
  }
}

TEST(AdaptiveMutex, ExcludesThreadsFromEachOther) {
  // A plain counter (not atomic): increments lost to a race would show.
  AdaptiveMutex mu;
  int64_t count = 0;
  constexpr int kThreads = 4, kIncrements = 200000;
  std::atomic<int> next{0};
  RunOnLargeStacks(kThreads, [&] {
    for (int t; (t = next.fetch_add(1)) < kThreads;) {
      for (int i = 0; i < kIncrements; ++i) {
        std::lock_guard<AdaptiveMutex> lock(mu);
        ++count;
      }
    }
  });
  EXPECT_EQ(count, int64_t{kThreads} * kIncrements);
}

}  // namespace
}  // namespace mw
