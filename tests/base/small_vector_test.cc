#include "base/small_vector.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace mw {
namespace {

std::vector<int> Contents(const SmallVector<int, 4>& v) { return {v.begin(), v.end()}; }

TEST(SmallVector, GrowsPastItsInlineElements) {
  SmallVector<int, 4> v{1, 2};
  for (int i = 3; i <= 100; ++i) v.push_back(i);
  ASSERT_EQ(v.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(v[static_cast<size_t>(i)], i + 1);
  EXPECT_EQ(v.back(), 100);
  v.truncate(2);
  EXPECT_EQ(Contents(v), (std::vector<int>{1, 2}));
  v.truncate(5);  // never grows
  EXPECT_EQ(v.size(), 2u);
}

TEST(SmallVector, CopiesAndMovesInlineAndHeapContents) {
  SmallVector<int, 4> small{1, 2, 3};
  SmallVector<int, 4> big;
  for (int i = 0; i < 10; ++i) big.push_back(i);

  SmallVector<int, 4> small_copy(small), big_copy(big);
  small.push_back(9);  // the copies do not share storage
  big[0] = 42;
  EXPECT_EQ(Contents(small_copy), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(big_copy.size(), 10u);
  EXPECT_EQ(big_copy[0], 0);

  SmallVector<int, 4> small_moved(std::move(small_copy)), big_moved(std::move(big_copy));
  EXPECT_EQ(Contents(small_moved), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(big_moved.size(), 10u);
  EXPECT_TRUE(small_copy.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
  EXPECT_TRUE(big_copy.empty());    // NOLINT(bugprone-use-after-move)
  big_copy.push_back(7);            // and usable again, inline
  EXPECT_EQ(Contents(big_copy), (std::vector<int>{7}));

  small_moved = std::move(big_moved);
  EXPECT_EQ(small_moved.size(), 10u);
  big_moved = small;
  EXPECT_EQ(Contents(big_moved), (std::vector<int>{1, 2, 3, 9}));
  const SmallVector<int, 4>& same = big_moved;
  big_moved = same;  // self-assignment keeps the contents
  EXPECT_EQ(big_moved.size(), 4u);
}

}  // namespace
}  // namespace mw
