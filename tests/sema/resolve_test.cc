// Name resolution against go/types: tests/programs/typesdump prints, for
// each identifier that denotes a type, the type go/types gives it. Every
// such identifier mapwarden resolves must get the same type (no guesses);
// the share it resolves is printed, since imported packages are not loaded
// yet.
#include "sema/resolve.h"

#include <gtest/gtest.h>

#include <map>

#include "base/strings.h"
#include "load/loader.h"
#include "test_util.h"

namespace mw::sema {
namespace {

// "FILE:LINE:COL TYPE" for each resolved type use, as typesdump prints it.
std::vector<std::string> ResolvedUses(const load::Package& p, const std::string& pkg_path) {
  TypeStore types;
  PackageResolver resolver(&types, pkg_path);
  std::vector<const syntax::ParsedFile*> files;
  for (const syntax::ParsedFile& f : p.files) files.push_back(&f);
  resolver.Resolve(files);
  std::vector<std::string> out;
  for (size_t i = 0; i < files.size(); ++i) {
    for (const TypeUse& u : resolver.type_uses()[i]) {
      LineCol lc = files[i]->source->Position(u.pos);
      out.push_back(files[i]->source->path() + ":" + std::to_string(lc.line) + ":" +
                    std::to_string(lc.column) + " type " + TypeString(u.type, types));
    }
  }
  return out;
}

TEST(Resolve, TypeNamesMatchGoTypes) {
  const std::vector<std::string> patterns = {
      "container/list", "container/heap", "sort",          "strings",       "bufio",
      "bytes",          "encoding/json",  "text/template", "go/ast",        "go/parser",
      "sync",           "net/url",        "flag",          "regexp/syntax", "compress/flate"};
  load::LoadConfig config;
  auto loaded = load::Load(patterns, config);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_EQ(loaded->packages.size(), patterns.size());

  std::string dirs;
  for (const load::Package& p : loaded->packages) dirs += " " + test::ShellQuote(p.dir);
  auto oracle = test::RunCommand(test::ShellQuote(test::GeneratedDir() + "/bin/typesdump") + dirs);
  ASSERT_EQ(oracle.exit_code, 0) << oracle.err;
  // typesdump type-checks each directory with the directory as its path.
  std::map<std::string, std::string> want;  // "FILE:LINE:COL" -> "type T"
  for (std::string_view line : Split(oracle.out, '\n')) {
    auto sp = line.find(" ident type ");
    if (sp == std::string_view::npos) continue;
    want[std::string(line.substr(0, sp))] = std::string(line.substr(sp + 7));
  }
  ASSERT_GT(want.size(), 1000u);

  size_t resolved = 0;
  std::vector<std::string> failures;
  for (const load::Package& p : loaded->packages) {
    for (const std::string& use : ResolvedUses(p, p.dir)) {
      ++resolved;
      auto sp = use.find(' ');
      auto it = want.find(use.substr(0, sp));
      if (it == want.end()) {
        failures.push_back(use + " (go/types: not a type name)");
      } else if (it->second != use.substr(sp + 1)) {
        failures.push_back(use + " (go/types: " + it->second + ")");
      }
    }
  }
  std::printf("type names: %zu of %zu resolved (%.1f%%), %zu differ from go/types\n", resolved,
              want.size(), 100.0 * static_cast<double>(resolved) / static_cast<double>(want.size()),
              failures.size());
  // Most type names in these packages are local or predeclared.
  EXPECT_GT(resolved, want.size() / 2);
  for (size_t i = 0; i < failures.size() && i < 20; ++i) ADD_FAILURE() << failures[i];
}

// A package without imports: every type name resolves, exactly as go/types
// resolves it, through shadowing, local and generic types, and closures.
TEST(Resolve, DebugTypesMatchesGoTypesOnScopingCases) {
  const std::string dir = std::string(MW_SOURCE_DIR) + "/testdata/sema/scopes";
  auto oracle = test::RunCommand(test::ShellQuote(test::GeneratedDir() + "/bin/typesdump") + " " +
                                 test::ShellQuote(dir));
  ASSERT_EQ(oracle.exit_code, 0) << oracle.err;
  std::string want;
  for (std::string_view line : Split(oracle.out, '\n')) {
    if (line.find(" ident type ") == std::string_view::npos) continue;
    // typesdump names the package by its directory; go.mod names it ex.com/scopes.
    std::string l(line);
    for (size_t at; (at = l.find(dir + ".")) != std::string::npos;) {
      l.replace(at, dir.size(), "ex.com/scopes");
    }
    want += l + "\n";
  }
  ASSERT_GT(want.size(), 0u);
  auto got =
      test::RunCommand(test::ShellQuote(test::Binary()) + " debug types " + test::ShellQuote(dir));
  EXPECT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(got.out, want);
}

}  // namespace
}  // namespace mw::sema
