#include "base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <mutex>
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
