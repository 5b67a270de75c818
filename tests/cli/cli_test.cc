// The binary as users run it: help, version, exit codes, error lines.
#include <gtest/gtest.h>

#include "test_util.h"

namespace mw {
namespace {

using test::RunCommand;

std::string Mw(const std::string& args) { return test::ShellQuote(test::Binary()) + " " + args; }

TEST(Cli, HelpEverywhere) {
  for (const char* args : {"--help", "-h", "help", "help pprof", "pprof --help", "pprof top --help",
                           "help version", "debug types --help", "debug facts --help",
                           "check --help", "help check", "rules --help", "explain --help"}) {
    auto r = RunCommand(Mw(args));
    EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
    EXPECT_NE(r.out.find("Usage: mapwarden"), std::string::npos) << args;
  }
  auto r = RunCommand(Mw("pprof top --help"));
  EXPECT_NE(r.out.find("-sample_index"), std::string::npos);
  EXPECT_NE(r.out.find("-diff_base"), std::string::npos);
}

TEST(Cli, Version) {
  auto r = RunCommand(Mw("--version"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("mapwarden ", 0), 0u);
}

TEST(Cli, UsageErrorsExitTwoWithOneLine) {
  for (const char* args :
       {"", "frobnicate", "pprof", "pprof nope", "pprof top", "pprof top -nodecount=x f",
        "pprof top -bogus f", "pprof top /nonexistent.pb.gz", "help nope"}) {
    auto r = RunCommand(Mw(args));
    EXPECT_EQ(r.exit_code, 2) << args;
    if (std::string(args).empty() || std::string(args) == "pprof") continue;  // prints usage
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
    EXPECT_EQ(r.err.rfind("mapwarden: ", 0), 0u) << r.err;
    EXPECT_TRUE(r.out.empty()) << args;
  }
}

TEST(Cli, CorruptProfileNamesTheFile) {
  const std::string bad = ::testing::TempDir() + "/corrupt.pb.gz";
  ASSERT_EQ(RunCommand("printf '\\037\\213\\010\\000garbage' > " + test::ShellQuote(bad)).exit_code,
            0);
  auto r = RunCommand(Mw("pprof top " + test::ShellQuote(bad)));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, ReadsStdin) {
  auto file = RunCommand(Mw("pprof top " + test::GeneratedDir() + "/exact/heap.pb.gz"));
  auto in = RunCommand(Mw("pprof top - < " + test::GeneratedDir() + "/exact/heap.pb.gz"));
  EXPECT_EQ(in.exit_code, 0) << in.err;
  EXPECT_EQ(file.out, in.out);
}

TEST(Cli, BadRegexpIsAUsageError) {
  auto r = RunCommand(Mw("pprof top -focus='(' " + test::GeneratedDir() + "/exact/heap.pb.gz"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("parsing focus regexp"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mw
