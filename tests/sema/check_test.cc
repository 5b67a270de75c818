// Name resolution against go/types: tests/programs/typesdump prints, for
// each identifier that denotes a type, the type go/types gives it. Every
// such identifier mapwarden resolves must get the same type (no guesses);
// the share it resolves is printed, since imported packages are not loaded
// yet.
#include "sema/dump.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "base/strings.h"
#include "load/loader.h"
#include "test_util.h"

namespace mw::sema {
namespace {

// Appends DumpTypeUses' lines ("FILE:LINE:COL ident type T").
void AppendResolvedUses(const std::vector<const syntax::ParsedFile*>& files,
                        const std::string& pkg_path, std::vector<std::string>* out) {
  ProgramConfig config;
  config.load_imports = false;
  Program program(config);
  std::string dump;
  syntax::RunWithLargeStack(
      [&] { DumpTypes(*program.Check(pkg_path, files), program.types(), &dump); });
  for (std::string_view line : Split(dump, '\n')) {
    if (!line.empty()) out->emplace_back(line);
  }
}

TEST(Resolve, TypeNamesMatchGoTypes) {
  load::LoadConfig config;
  config.tests = true;
  auto loaded = load::Load({"std", std::string(MW_SOURCE_DIR) + "/tests/programs/..."}, config);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_GT(loaded->packages.size(), 240u);

  std::string dirs;
  for (const load::Package& p : loaded->packages) dirs += " " + test::ShellQuote(p.dir);
  // From inside the programs' module, so that their imports of it resolve.
  auto oracle = test::RunCommand(
      "cd " + test::ShellQuote(std::string(MW_SOURCE_DIR)) + "/tests/programs && " +
      test::ShellQuote(test::GeneratedDir() + "/bin/typesdump") + " -tests" + dirs);
  ASSERT_EQ(oracle.exit_code, 0) << oracle.err;
  // typesdump type-checks each directory with the directory as its path.
  std::map<std::string, std::string> want;  // "FILE:LINE:COL" -> "type T"
  std::set<std::string> dirs_with_errors;
  for (std::string_view line : Split(oracle.out, '\n')) {
    if (StartsWith(line, "# errors ")) {
      line.remove_prefix(9);
      dirs_with_errors.emplace(line.substr(0, line.find(": ")));
      continue;
    }
    auto sp = line.find(" ident type ");
    if (sp == std::string_view::npos) continue;
    want[std::string(line.substr(0, sp))] = std::string(line.substr(sp + 7));
  }
  ASSERT_GT(want.size(), 100000u);

  std::vector<std::string> got;
  for (const load::Package& p : loaded->packages) {
    AppendResolvedUses(p.PackageFiles(), p.dir, &got);
    AppendResolvedUses(p.XTestFiles(), p.dir, &got);
  }
  // go/types leaves out what it could not type: external tests that use
  // names from export_test.go files (which the source importer does not
  // see), and cgo. Those uses cannot be confirmed either way.
  size_t unconfirmed = 0;
  std::vector<std::string> failures;
  for (const std::string& use : got) {
    const size_t sp = use.find(" ident ");
    ASSERT_NE(sp, std::string::npos) << use;
    auto it = want.find(use.substr(0, sp));
    if (it == want.end()) {
      std::string dir = use.substr(0, use.rfind('/', sp));
      if (dirs_with_errors.count(dir) != 0) {
        ++unconfirmed;
      } else {
        failures.push_back(use + " (go/types: not a type name)");
      }
    } else if (it->second != use.substr(sp + 7)) {
      failures.push_back(use + " (go/types: " + it->second + ")");
    }
  }
  std::printf(
      "type names: %zu of %zu resolved (%.1f%%), %zu differ from go/types, %zu more in "
      "%zu packages go/types could not fully type\n",
      got.size() - unconfirmed, want.size(),
      100.0 * static_cast<double>(got.size() - unconfirmed) / static_cast<double>(want.size()),
      failures.size(), unconfirmed, dirs_with_errors.size());
  // Most type names are local or predeclared; the rest come from imports.
  EXPECT_GT(got.size(), want.size() * 3 / 4);
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

// Deep trees resolve on the caller's ordinary stack: a chain of operators
// nests as deep as it is long, and the parser allows 10,000 levels (as
// go/parser allows 100,000). Broken files resolve as far as they parse.
TEST(Resolve, DeepAndBrokenTreesNeverCrash) {
  std::string chain = "package p\ntype T int\nvar x = T(1)";
  for (int i = 0; i < 9000; ++i) chain += " + T(1)";
  chain += "\nvar y = " + std::string(5000, '(') + "T(1)" + std::string(5000, ')') + "\n";
  syntax::ParsedFile pf;
  syntax::RunWithLargeStack([&] { pf = syntax::ParseFile("deep.go", chain); });
  ASSERT_TRUE(pf.ok()) << pf.FormatError(pf.errors[0]);
  std::vector<std::string> uses;
  AppendResolvedUses({&pf}, "ex.com/p", &uses);
  EXPECT_EQ(uses.size(), 9003u);  // int, and every conversion T(1)
  for (const char* broken :
       {"package p\nfunc f() { type T map[", "package p\nvar x T = struct{",
        "package p\ntype A B; type B A; var a A", "package p\ntype T [len(T{})]int"}) {
    syntax::ParsedFile bad = syntax::ParseFile("bad.go", broken);
    std::vector<std::string> out;
    AppendResolvedUses({&bad}, "ex.com/p", &out);  // must return
  }
  // An invalid cycle leaves the underlying type unknown: not a map, not named.
  syntax::ParsedFile cyc = syntax::ParseFile("cyc.go", "package p\ntype A B\ntype B A\n");
  ProgramConfig config;
  config.load_imports = false;
  Program program(config);
  Package* pkg = program.Check("ex.com/p", {&cyc});
  for (const char* name : {"A", "B"}) {
    const Object* o = pkg->scope->LookupLocal(name);
    ASSERT_NE(o, nullptr);
    ASSERT_NE(o->type, nullptr);
    EXPECT_EQ(o->type->underlying, nullptr);
    EXPECT_FALSE(o->type->IsMap());
  }
}

}  // namespace
}  // namespace mw::sema
