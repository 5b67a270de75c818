#include "base/status.h"

#include <gtest/gtest.h>

#include "base/strings.h"

namespace mw {
namespace {

TEST(Status, ContextPrefixesMessage) {
  Status s = DataLoss("bad varint").WithContext("heap.pb.gz");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_EQ(s.message(), "heap.pb.gz: bad varint");
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
}

TEST(StatusOr, HoldsValueOrError) {
  StatusOr<int> v = 7;
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 7);
  StatusOr<int> e = NotFound("nope");
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kNotFound);
}

TEST(Strings, ParseIntegersLikeGo) {
  EXPECT_EQ(ParseInt64("0x1f", 0), 31);
  EXPECT_EQ(ParseInt64("010", 0), 8);
  EXPECT_EQ(ParseInt64("-42", 10), -42);
  EXPECT_FALSE(ParseInt64("12a", 10).has_value());
  EXPECT_FALSE(ParseInt64("99999999999999999999", 10).has_value());
  EXPECT_EQ(ParseUint64("ffffffffffffffff", 16), UINT64_MAX);
}

TEST(Strings, CleanPathLikeGo) {
  EXPECT_EQ(CleanPath("/a/./b/../c//d/"), "/a/c/d");
  EXPECT_EQ(CleanPath("../x/.."), "..");
  EXPECT_EQ(CleanPath(""), ".");
  EXPECT_EQ(CleanPath("/.."), "/");
  EXPECT_EQ(BaseName("/usr/bin/prog"), "prog");
  EXPECT_EQ(BaseName("prog/"), "prog");
}

}  // namespace
}  // namespace mw
