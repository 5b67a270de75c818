#include "pprof/measurement.h"

#include <gtest/gtest.h>

namespace mw::pprof {
namespace {

// Expected strings are what Go's pprof prints for the same inputs.
TEST(Measurement, ScaledLabelPicksUnits) {
  EXPECT_EQ(ScaledLabel(2850200, "bytes", "minimum"), "2.72MB");
  EXPECT_EQ(ScaledLabel(1024, "bytes", "minimum"), "1kB");
  EXPECT_EQ(ScaledLabel(0, "bytes", "minimum"), "0");
  EXPECT_EQ(ScaledLabel(-1536, "bytes", "kB"), "-1.50kB");
  EXPECT_EQ(ScaledLabel(150000000, "nanoseconds", "minimum"), "150ms");
  EXPECT_EQ(ScaledLabel(26, "count", "minimum"), "26");
  EXPECT_EQ(ScaledLabel(5, "count", "minimum"), "5");
  EXPECT_EQ(ScaledLabel(3, "bytes", "MB"), "0");
  EXPECT_EQ(ScaledLabel(30000, "bytes", "MB"), "0.03MB");
}

TEST(Measurement, ScaleSniffsUnitAliases) {
  EXPECT_EQ(ScaleValue(2048, "Bytes", "kilobytes").second, "kB");
  EXPECT_DOUBLE_EQ(ScaleValue(2048, "Bytes", "kilobytes").first, 2.0);
  EXPECT_EQ(ScaleValue(7, "widgets", "minimum").second, "");
  EXPECT_EQ(ScaleValue(7, "widgets", "widgets").second, "widgets");
  EXPECT_EQ(ScaleValue(3600000000000, "nanoseconds", "minimum").second, "hrs");
}

TEST(Measurement, PercentageFormats) {
  EXPECT_EQ(Percentage(1, 1), "  100%");
  EXPECT_EQ(Percentage(9990, 10000), "99.90%");
  EXPECT_EQ(Percentage(150, 10000), " 1.50%");
  EXPECT_EQ(Percentage(9996, 10000), "  100%");
  EXPECT_EQ(Percentage(1, 200), "  0.5%");
  EXPECT_EQ(Percentage(1, 1000000), "0.0001%");
  EXPECT_EQ(Percentage(1, 100000000), "1e-06%");
  EXPECT_EQ(Percentage(0, 10), "    0%");
  EXPECT_EQ(Percentage(5, 0), "    0%");
  EXPECT_EQ(Percentage(-3, 4), "75.00%");
}

}  // namespace
}  // namespace mw::pprof
