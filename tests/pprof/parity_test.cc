// Report parity with the oracle: `go tool pprof -top` from the Go toolchain
// installed on the machine, over real profiles made at test time and over
// google/pprof's own fixtures, for every sample index and a matrix of flags.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

#include "pprof/parse.h"
#include "test_util.h"

namespace mw {
namespace {

using test::RunCommand;
using test::ShellQuote;

struct Case {
  std::string profile;
  std::string args;
};

std::vector<std::string> ProtoProfiles() {
  std::vector<std::string> out;
  for (const char* sub : {"/exact", "/sampled"}) {
    for (auto& f : test::FilesIn(test::GeneratedDir() + sub, ".pb.gz")) out.push_back(f);
  }
  out.push_back(test::GeneratedDir() + "/exact/heap-raw.pb");
  for (auto& f : test::FilesIn(test::SourceDir() + "/testdata/pprof/upstream")) {
    if (f.ends_with("README.md")) continue;
    out.push_back(f);
  }
  return out;
}

const std::vector<std::string>& FlagMatrix() {
  static const std::vector<std::string> flags = {
      "",
      "-cum",
      "-flat",
      "-lines",
      "-files",
      "-addresses",
      "-filefunctions",
      "-noinlines",
      "-lines -noinlines",
      "-nodecount=1",
      "-nodecount=5 -cum",
      "-nodecount 3 -lines",
      "--nodecount=4",
      "-nodefraction=0",
      "-nodefraction=0.2",
      "-edgefraction=0.5",
      "-nodefraction=0 -edgefraction=0",
      "-focus=main",
      "-focus=main -relative_percentages",
      "-ignore=runtime",
      "-hide=runtime",
      "-show=main",
      "-show_from=main",
      "-focus='handle|add' -lines",
      "-unit=kB",
      "-unit=ms",
      "-unit=B -nodefraction=0",
      "-drop_negative",
  };
  return flags;
}

int NumSampleTypes(const std::string& path) {
  auto p = pprof::ReadProfileFile(path);
  return p.ok() ? static_cast<int>(p->sample_types.size()) : 0;
}

// Runs cases on both cores; `go tool pprof` dominates the time.
void RunCases(const std::vector<Case>& cases, std::vector<std::string>* failures) {
  std::atomic<size_t> next{0};
  std::mutex mu;
  auto worker = [&] {
    for (size_t i = next++; i < cases.size(); i = next++) {
      const Case& c = cases[i];
      auto want = RunCommand("go tool pprof -top " + c.args + " " + ShellQuote(c.profile));
      auto got = RunCommand(ShellQuote(test::Binary()) + " pprof top " + c.args + " " +
                            ShellQuote(c.profile));
      if (want.out != got.out || (want.exit_code == 0) != (got.exit_code == 0)) {
        std::lock_guard<std::mutex> lock(mu);
        failures->push_back("pprof top " + c.args + " " + c.profile + "\n--- go tool pprof (" +
                            std::to_string(want.exit_code) + ")\n" + want.out + "--- mapwarden (" +
                            std::to_string(got.exit_code) + ")\n" + got.out + got.err);
      }
    }
  };
  std::thread a(worker), b(worker);
  a.join();
  b.join();
}

// Runs the cases, prints how many agree, and fails with the first few that
// do not.
void ExpectIdentical(const std::vector<Case>& cases, const char* what) {
  std::vector<std::string> failures;
  RunCases(cases, &failures);
  std::printf("%s: %zu cases compared, %zu identical\n", what, cases.size(),
              cases.size() - failures.size());
  for (size_t i = 0; i < failures.size() && i < 5; ++i) ADD_FAILURE() << failures[i];
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << cases.size() << " differ";
}

TEST(PprofTopParity, IdenticalToGoToolPprof) {
  std::vector<Case> cases;
  for (const std::string& profile : ProtoProfiles()) {
    const int n = NumSampleTypes(profile);
    if (n == 0) {
      // Unreadable (the empty fixture): both tools must refuse it.
      cases.push_back({profile, ""});
      continue;
    }
    for (const std::string& flags : FlagMatrix()) cases.push_back({profile, flags});
    for (int i = 0; i < n; ++i) {
      cases.push_back({profile, "-sample_index=" + std::to_string(i)});
      cases.push_back({profile, "-sample_index=" + std::to_string(i) + " -lines -cum"});
    }
  }
  // Differences between two snapshots of one process, and of two runs.
  const std::string exact = test::GeneratedDir() + "/exact/";
  const std::string sampled = test::GeneratedDir() + "/sampled/";
  // Each pair both ways: subtracting the larger profile leaves negative
  // nodes, which -drop_negative removes while their edges stay.
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {exact + "heap.pb.gz", exact + "before-heap.pb.gz"},
      {exact + "heap.pb.gz", sampled + "heap.pb.gz"},
      {exact + "before-heap.pb.gz", exact + "heap.pb.gz"},
      {sampled + "heap.pb.gz", exact + "heap.pb.gz"},
  };
  for (const auto& [profile, base] : pairs) {
    for (const char* extra : {"", " -cum", " -lines", " -sample_index=alloc_space", " -nodecount=3",
                              " -drop_negative", " -drop_negative -cum"}) {
      cases.push_back({profile, "-base=" + base + extra});
      cases.push_back({profile, "-diff_base=" + base + extra});
    }
  }
  // Not compared: a repeated -base. `go tool pprof` keeps only the last one;
  // mapwarden subtracts them all, as the standalone pprof does.
  ExpectIdentical(cases, "pprof top parity");
}

// Random profiles (tests/pprof/randprof): negative and cancelling values,
// unsymbolized and multiply-inlined locations, names shared across files.
TEST(PprofTopParity, RandomProfilesIdenticalToGoToolPprof) {
  const std::vector<std::string> profiles =
      test::FilesIn(test::GeneratedDir() + "/random", ".pb.gz");
  ASSERT_GE(profiles.size(), 40u);
  std::vector<Case> cases;
  for (const std::string& profile : profiles) {
    for (const char* flags :
         {"", "-cum", "-lines", "-files", "-addresses", "-noinlines", "-filefunctions",
          "-nodecount=2", "-nodefraction=0", "-edgefraction=0.3", "-drop_negative",
          "-drop_negative -lines", "-focus=main", "-hide=runtime", "-show_from=main",
          "-sample_index=1", "-unit=kB", "-relative_percentages -focus=handle"}) {
      cases.push_back({profile, flags});
    }
  }
  ExpectIdentical(cases, "random profiles");
}

// Debug=1 text: pprof cannot name frames without the binary, so require the
// same totals, and require our names to be the program's functions.
std::string TotalLine(const std::string& report) {
  std::string total;
  return RE2::PartialMatch(report, R"(of (\S+) total)", &total) ? total : "<none>";
}

TEST(PprofTopParity, LegacyTextTotalsMatch) {
  size_t compared = 0;
  for (const char* sub : {"/exact", "/sampled"}) {
    for (const char* name : {"heap", "allocs", "before-heap", "goroutine", "mutex", "block"}) {
      const std::string path = test::GeneratedDir() + sub + "/" + name + ".txt";
      auto p = pprof::ReadProfileFile(path);
      ASSERT_TRUE(p.ok()) << p.status().message();
      for (size_t i = 0; i < p->sample_types.size(); ++i) {
        const std::string args = " pprof top -unit=B -sample_index=" + std::to_string(i) + " ";
        auto want = RunCommand("go tool pprof -top" + args.substr(10) + ShellQuote(path));
        auto got = RunCommand(ShellQuote(test::Binary()) + args + ShellQuote(path));
        ASSERT_EQ(got.exit_code, 0) << got.err;
        EXPECT_EQ(TotalLine(got.out), TotalLine(want.out)) << path << args;
        ++compared;
      }
    }
  }
  std::printf("debug=1 totals: %zu cases compared\n", compared);
}

TEST(PprofTopParity, LegacyTextNamesProgramFunctions) {
  const std::string heap = test::GeneratedDir() + "/exact/heap.txt";
  auto got =
      RunCommand(ShellQuote(test::Binary()) + " pprof top -nodefraction=0 " + ShellQuote(heap));
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_NE(got.out.find("main.handle"), std::string::npos) << got.out;
  EXPECT_NE(got.out.find("main.(*registry).add"), std::string::npos) << got.out;
  EXPECT_EQ(got.out.find("<unknown>"), std::string::npos) << got.out;
  // The same program's proto profile names the same top function.
  const std::string proto = test::GeneratedDir() + "/exact/heap.pb.gz";
  auto want =
      RunCommand(ShellQuote(test::Binary()) + " pprof top -nodecount=1 " + ShellQuote(proto));
  auto text =
      RunCommand(ShellQuote(test::Binary()) + " pprof top -nodecount=1 " + ShellQuote(heap));
  auto last_line = [](const std::string& s) {
    auto t = s.substr(0, s.size() - 1);
    return t.substr(t.rfind('\n') + 1);
  };
  EXPECT_EQ(last_line(text.out).substr(0, 60), last_line(want.out).substr(0, 60));
}

}  // namespace
}  // namespace mw
