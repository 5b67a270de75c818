// Go's wrapping integer arithmetic and amd64 float conversion.
#include "base/go_arith.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace mw {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

TEST(GoArith, WrapsLikeGo) {
  EXPECT_EQ(WrapAdd(kMax, 1), kMin);
  EXPECT_EQ(WrapSub(kMin, 1), kMax);
  EXPECT_EQ(WrapMul(648518346341351425, 10000000), INT64_C(-9223372036844775808));
  EXPECT_EQ(WrapNeg(kMin), kMin);
  EXPECT_EQ(WrapAbs(kMin), kMin);
  EXPECT_EQ(WrapAbs(-5), 5);
  EXPECT_EQ(WrapAdd(2, 3), 5);
}

TEST(GoArith, FloatConversionMatchesAmd64) {
  EXPECT_EQ(GoFloatToInt64(3.9), 3);
  EXPECT_EQ(GoFloatToInt64(-3.9), -3);
  EXPECT_EQ(GoFloatToInt64(-9223372036854775808.0), kMin);
  EXPECT_EQ(GoFloatToInt64(9223372036854775808.0), kMin);
  EXPECT_EQ(GoFloatToInt64(1e300), kMin);
  EXPECT_EQ(GoFloatToInt64(-1e300), kMin);
  EXPECT_EQ(GoFloatToInt64(std::nan("")), kMin);
}

}  // namespace
}  // namespace mw
