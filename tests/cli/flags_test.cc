#include "cli/flags.h"

#include <gtest/gtest.h>

namespace mw::cli {
namespace {

struct Fixture {
  std::string focus;
  int count = -1;
  bool cum = false;
  double fraction = 0.005;
  std::vector<std::string> bases;
  FlagSet fs{"test", "test [flags]", "summary"};
  Fixture() {
    fs.String("focus", "RE", &focus, "focus");
    fs.Int("nodecount", &count, "count");
    fs.Bool("cum", &cum, "cum");
    fs.Double("nodefraction", &fraction, "fraction");
    fs.StringList("base", "FILE", &bases, "base");
  }
};

TEST(Flags, AcceptsEveryGoSpelling) {
  Fixture f;
  bool help = false;
  auto rest = f.fs.Parse({"-focus=a|b", "--nodecount", "7", "-cum", "--base=x", "-base", "y",
                          "file.pb.gz", "-nodefraction=0.25"},
                         &help);
  ASSERT_TRUE(rest.ok()) << rest.status().message();
  EXPECT_EQ(f.focus, "a|b");
  EXPECT_EQ(f.count, 7);
  EXPECT_TRUE(f.cum);
  EXPECT_DOUBLE_EQ(f.fraction, 0.25);
  EXPECT_EQ(f.bases, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(*rest, std::vector<std::string>{"file.pb.gz"});
  EXPECT_FALSE(help);
}

TEST(Flags, ErrorsAreClear) {
  Fixture f;
  bool help = false;
  auto unknown = f.fs.Parse({"-nope"}, &help);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown flag -nope"), std::string::npos);
  auto missing = f.fs.Parse({"-focus"}, &help);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("needs a value"), std::string::npos);
  auto bad = f.fs.Parse({"-nodecount=ten"}, &help);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("want an integer"), std::string::npos);
  auto cum = f.fs.Parse({"-cum=maybe"}, &help);
  ASSERT_FALSE(cum.ok());
}

TEST(Flags, HelpAndDoubleDash) {
  Fixture f;
  bool help = false;
  auto rest = f.fs.Parse({"--help", "--", "-cum"}, &help);
  ASSERT_TRUE(rest.ok());
  EXPECT_TRUE(help);
  EXPECT_FALSE(f.cum);
  EXPECT_EQ(*rest, std::vector<std::string>{"-cum"});
  EXPECT_NE(f.fs.HelpText().find("-nodecount N"), std::string::npos);
}

TEST(Flags, ByteSizes) {
  EXPECT_EQ(*ParseByteSize("512"), 512u);
  EXPECT_EQ(*ParseByteSize("4KiB"), 4096u);
  EXPECT_EQ(*ParseByteSize("2GB"), uint64_t{2} << 30);
  EXPECT_FALSE(ParseByteSize("lots").ok());
  EXPECT_FALSE(ParseByteSize("3XB").ok());
}

}  // namespace
}  // namespace mw::cli
