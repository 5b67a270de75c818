// The binary as users run it: help, version, exit codes, error lines.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.h"

namespace mw {
namespace {

using test::RunCommand;

std::string Mw(const std::string& args) { return test::ShellQuote(test::Binary()) + " " + args; }

TEST(Cli, HelpEverywhere) {
  for (const char* args :
       {"--help", "-h", "help", "help pprof", "pprof --help", "pprof top --help", "help version",
        "debug types --help", "debug facts --help", "check --help", "help check", "rules --help",
        "explain --help", "heap --help", "help heap"}) {
    auto r = RunCommand(Mw(args));
    EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
    EXPECT_NE(r.out.find("Usage: mapwarden"), std::string::npos) << args;
  }
  auto r = RunCommand(Mw("pprof top --help"));
  EXPECT_NE(r.out.find("-sample_index"), std::string::npos);
  EXPECT_NE(r.out.find("-diff_base"), std::string::npos);
}

// `make demo`: the bundled service is built and run, and every section of
// the script prints its report.
TEST(Cli, DemoRuns) {
  const std::string out = test::TempDir() + "/demo";
  // With a relative path to the binary, as `make demo` passes it.
  const std::filesystem::path bin(test::Binary());
  auto r = RunCommand("cd " + test::ShellQuote(bin.parent_path().string()) +
                      " && DEMO_OUT=" + test::ShellQuote(out) + " " +
                      test::ShellQuote(test::SourceDir() + "/examples/run-demo.sh") + " ./" +
                      test::ShellQuote(bin.filename().string()) + " 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.find("No such file"), std::string::npos) << r.out;
  for (const char* want :
       {"[MW102 uninitialized-map-field]", "1. main.session.attrs", "grows-never-frees:",
        "retains-large-strings:", "never-shrinks:", "main.handleLogin", "leak"}) {
    EXPECT_NE(r.out.find(want), std::string::npos) << want << "\n" << r.out;
  }
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

// `check` executes itself again with glibc's huge-page tunable added
// (main.cc): the second process must see the same arguments and working
// directory and give the same output and exit status as a run without it.
TEST(Cli, HugePageReexecKeepsArgumentsOutputAndStatus) {
  auto check = [](const std::string& env) {
    return RunCommand("cd " + test::ShellQuote(test::SourceDir() + "/testdata/lint") + " && " +
                      env + " " + Mw("check --format json ./mw101/... ./mw102/..."));
  };
  auto plain = check("GLIBC_TUNABLES=glibc.malloc.hugetlb=0");
  ASSERT_EQ(plain.exit_code, 1) << plain.err;
  ASSERT_NE(plain.out.find("\"MW101\""), std::string::npos) << plain.out;
  for (const char* env : {"env -u GLIBC_TUNABLES", "GLIBC_TUNABLES=glibc.malloc.arena_max=8"}) {
    auto r = check(env);
    EXPECT_EQ(r.exit_code, plain.exit_code) << env << ": " << r.err;
    EXPECT_EQ(r.out, plain.out) << env;
    EXPECT_EQ(r.err, plain.err) << env;
  }
}

}  // namespace
}  // namespace mw
