// The loader's file selection against the oracle, `go list`, for the
// standard library and for the project's own Go test programs.
#include "load/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "base/strings.h"
#include "test_util.h"

namespace mw::load {
namespace {

using Listing = std::map<std::string, std::string>;  // import path -> "go|test|xtest"

std::string SortedBracket(std::string_view list) {
  // "[b a] [c]" -> "a b c"
  std::string flat(list);
  std::replace(flat.begin(), flat.end(), '[', ' ');
  std::replace(flat.begin(), flat.end(), ']', ' ');
  std::vector<std::string> names;
  for (std::string_view f : SplitFields(flat)) names.emplace_back(f);
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& n : names) out += n + " ";
  return out;
}

Listing GoList(const std::string& dir, const std::string& pattern) {
  auto r = test::RunCommand(
      "cd " + test::ShellQuote(dir) +
      " && CGO_ENABLED=1 GOFLAGS=-mod=mod GOPROXY=off go list -e -f "
      "'{{.ImportPath}}|{{.GoFiles}} {{.CgoFiles}}|{{.TestGoFiles}}|{{.XTestGoFiles}}' " +
      pattern);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  Listing out;
  for (std::string_view line : Split(r.out, '\n')) {
    auto parts = Split(line, '|');
    if (parts.size() != 4) continue;
    // "{{.GoFiles}} {{.CgoFiles}}" prints "[a b] [c]".
    out[std::string(parts[0])] =
        SortedBracket(parts[1]) + "|" + SortedBracket(parts[2]) + "|" + SortedBracket(parts[3]);
  }
  return out;
}

Listing Ours(const std::string& dir, const std::string& pattern) {
  std::error_code ec;
  auto old = std::filesystem::current_path();
  std::filesystem::current_path(dir, ec);
  LoadConfig config;
  config.parse = false;
  config.build.go_minor = 19;  // the toolchain used as the oracle
  auto result = Load({pattern}, config);
  std::filesystem::current_path(old, ec);
  EXPECT_TRUE(result.ok()) << result.status().message();
  Listing out;
  if (!result.ok()) return out;
  auto join = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    std::string s;
    for (const auto& n : v) s += n + " ";
    return s;
  };
  for (const Package& p : result->packages) {
    EXPECT_TRUE(p.errors.empty()) << p.import_path << ": " << p.errors[0];
    out[p.import_path] =
        join(p.go_files) + "|" + join(p.test_go_files) + "|" + join(p.xtest_go_files);
  }
  return out;
}

void Compare(const Listing& want, const Listing& got, const char* what) {
  size_t same = 0;
  for (const auto& [path, files] : want) {
    auto it = got.find(path);
    if (it == got.end()) {
      ADD_FAILURE() << what << ": missing package " << path;
      continue;
    }
    EXPECT_EQ(it->second, files) << what << ": " << path;
    same += it->second == files;
  }
  for (const auto& [path, files] : got) {
    if (!want.count(path)) ADD_FAILURE() << what << ": extra package " << path;
  }
  std::printf("%s: %zu packages, %zu identical to go list\n", what, want.size(), same);
}

TEST(Loader, StandardLibraryMatchesGoList) {
  Compare(GoList(test::SourceDir(), "std"), Ours(test::SourceDir(), "std"), "std");
}

TEST(Loader, TestProgramsModuleMatchesGoList) {
  const std::string dir = test::SourceDir() + "/tests/programs";
  Listing want = GoList(dir, "./...");
  ASSERT_FALSE(want.empty());
  Compare(want, Ours(dir, "./..."), "tests/programs");
}

TEST(Loader, ParsesSelectedFilesInParallel) {
  std::error_code ec;
  auto old = std::filesystem::current_path();
  std::filesystem::current_path(test::SourceDir() + "/tests/programs", ec);
  LoadConfig config;
  config.tests = true;
  config.jobs = 2;
  auto result = Load({"./..."}, config);
  std::filesystem::current_path(old, ec);
  ASSERT_TRUE(result.ok()) << result.status().message();
  size_t expected = 0;
  for (const Package& p : result->packages) {
    expected += p.go_files.size() + p.test_go_files.size() + p.xtest_go_files.size();
    EXPECT_EQ(p.files.size(), p.go_files.size() + p.test_go_files.size() + p.xtest_go_files.size());
    // The external test package is split off by file, not guessed by count.
    EXPECT_EQ(p.PackageFiles().size(), p.go_files.size() + p.test_go_files.size());
    EXPECT_EQ(p.XTestFiles().size(), p.xtest_go_files.size());
    for (const syntax::ParsedFile* f : p.XTestFiles()) {
      EXPECT_TRUE(f->source->path().ends_with("_test.go")) << f->source->path();
    }
    for (const auto& f : p.files) {
      EXPECT_TRUE(f.ok()) << f.source->path();
      ASSERT_NE(f.file, nullptr);
      EXPECT_EQ(f.file->name->name, p.import_path.ends_with("loadertest") &&
                                            f.source->path().ends_with("example_test.go")
                                        ? "loadertest_test"
                                        : p.name);
    }
  }
  EXPECT_EQ(result->files_parsed, expected);
  EXPECT_EQ(result->files_with_errors, 0u);
}

TEST(Loader, ModulePath) {
  EXPECT_EQ(ParseModulePath("// c\nmodule example.com/x // trailing\n\ngo 1.19\n"),
            "example.com/x");
  EXPECT_EQ(ParseModulePath("module \"quoted/path\"\n"), "quoted/path");
  EXPECT_EQ(ParseModulePath("go 1.19\n"), "");
}

TEST(BuildContext, Constraints) {
  BuildContext ctx;
  EXPECT_TRUE(*ctx.ShouldBuild("//go:build linux && (amd64 || arm64)\n\npackage x\n"));
  EXPECT_FALSE(*ctx.ShouldBuild("//go:build windows\n\npackage x\n"));
  EXPECT_TRUE(*ctx.ShouldBuild("//go:build unix && !windows && cgo && gc && go1.19\npackage x\n"));
  EXPECT_FALSE(*ctx.ShouldBuild("// +build ignore\n\npackage main\n"));
  EXPECT_TRUE(*ctx.ShouldBuild("// +build linux,amd64 darwin\n\npackage x\n"));
  // A +build line not followed by a blank line is a doc comment, not a constraint.
  EXPECT_TRUE(*ctx.ShouldBuild("// +build ignore\npackage main\n"));
  EXPECT_FALSE(ctx.ShouldBuild("//go:build linux &&\npackage x\n").ok());
  ctx.tags = {"integration"};
  EXPECT_TRUE(*ctx.ShouldBuild("//go:build integration\n\npackage x\n"));
  EXPECT_TRUE(ctx.GoodOSArchFile("x_linux_amd64_test.go"));
  EXPECT_FALSE(ctx.GoodOSArchFile("x_windows.go"));
  EXPECT_FALSE(ctx.GoodOSArchFile("x_linux_arm64.go"));
  EXPECT_TRUE(ctx.GoodOSArchFile("linux.go"));   // no underscore: not a constraint
  EXPECT_TRUE(ctx.GoodOSArchFile("x_unix.go"));  // "unix" is a tag, not a suffix
  EXPECT_TRUE(ctx.GoodOSArchFile("x_test.go"));
  EXPECT_TRUE(ctx.GoodOSArchFile("x__test.go"));
  EXPECT_FALSE(ctx.GoodOSArchFile("x_windows_test.go"));
  EXPECT_FALSE(ctx.GoodOSArchFile("x_arm64_test.go"));
  EXPECT_FALSE(ctx.GoodOSArchFile("a_b_windows_amd64_test.go"));
  EXPECT_TRUE(ctx.GoodOSArchFile("a_b_linux_amd64.go"));
  // The part before the first '_' is never a constraint: amd64 is.
  EXPECT_TRUE(ctx.GoodOSArchFile("windows_amd64.go"));
  EXPECT_FALSE(ctx.GoodOSArchFile("linux_arm64.go"));
  EXPECT_TRUE(ctx.GoodOSArchFile("x_windows_x.go"));  // an OS not last: no constraint
}

}  // namespace
}  // namespace mw::load
