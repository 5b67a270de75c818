// The facts the rules use, on a hand-written package whose answers are
// known (testdata/sema/facts), and over the standard library for
// robustness.
#include "sema/facts.h"

#include <gtest/gtest.h>

#include "base/file_io.h"
#include "base/strings.h"
#include "load/loader.h"
#include "sema/dump.h"
#include "test_util.h"

namespace mw::sema {
namespace {

struct Checked {
  load::LoadResult loaded;
  std::unique_ptr<Program> program;
  std::vector<const Package*> packages;
};

Checked CheckPattern(const std::string& pattern, bool tests) {
  Checked c;
  load::LoadConfig config;
  config.tests = tests;
  auto loaded = load::Load({pattern}, config);
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  if (!loaded.ok()) return c;
  c.loaded = std::move(*loaded);
  c.program = std::make_unique<Program>(ProgramConfig{});
  for (const load::Package& p : c.loaded.packages) {
    std::vector<const syntax::ParsedFile*> go_files;
    for (size_t i = 0; i < p.go_files.size(); ++i) go_files.push_back(&p.files[i]);
    c.program->AddParsed(p.dir, go_files);
  }
  syntax::RunWithLargeStack([&] {
    for (const load::Package& p : c.loaded.packages) {
      c.packages.push_back(c.program->Check(p.import_path, p.PackageFiles()));
      if (p.xtest_begin < p.files.size()) {
        c.packages.push_back(c.program->Check(p.import_path + "_test", p.XTestFiles()));
      }
    }
  });
  return c;
}

const Type* NamedType(const Package* pkg, const char* name) {
  const Object* o = pkg->scope->LookupLocal(name);
  return o != nullptr ? o->type : nullptr;
}

const syntax::Node* FuncDecl(const Package* pkg, const char* name) {
  const Object* o = pkg->scope->LookupLocal(name);
  return Facts::DeclOf(o);
}

const std::string kFactsDir = std::string(MW_SOURCE_DIR) + "/testdata/sema/facts";

TEST(Facts, KnowsWhichTypesHoldMapsAndWhereTheyAreBuilt) {
  Checked c = CheckPattern(kFactsDir, false);
  ASSERT_EQ(c.packages.size(), 1u);
  const Package* pkg = c.packages[0];
  Facts facts(c.program.get(), c.packages);
  EXPECT_TRUE(facts.HoldsMap(NamedType(pkg, "Registry")));
  EXPECT_TRUE(facts.HoldsMap(NamedType(pkg, "Outer")));  // through a field and a slice
  EXPECT_TRUE(facts.HoldsMap(NamedType(pkg, "Config")));
  EXPECT_FALSE(facts.HoldsMap(NamedType(pkg, "Plain")));
  EXPECT_FALSE(facts.HoldsMap(NamedType(pkg, "empty")));

  std::map<ConstructionKind, int> kinds;
  int omitting_the_map = 0;
  for (const Construction& con : facts.ConstructionsOf(NamedType(pkg, "Registry"))) {
    ++kinds[con.kind];
    if (con.kind == ConstructionKind::kCompositeLit && !con.fields_set[1]) ++omitting_the_map;
  }
  EXPECT_EQ(kinds[ConstructionKind::kCompositeLit], 2);  // NewRegistry and Partial
  EXPECT_EQ(kinds[ConstructionKind::kVarDecl], 1);       // var zero Registry
  EXPECT_EQ(kinds[ConstructionKind::kNew], 1);           // new(Registry)
  EXPECT_EQ(omitting_the_map, 1);                        // Partial's literal
  bool decoded = false;
  for (const Construction& con : facts.ConstructionsOf(NamedType(pkg, "Config"))) {
    decoded = decoded || con.kind == ConstructionKind::kDecoder;
  }
  EXPECT_TRUE(decoded);  // json.Unmarshal(data, &c)
  ASSERT_EQ(facts.ConstructionsOf(NamedType(pkg, "Outer")).size(), 1u);
  EXPECT_EQ(facts.ConstructionsOf(NamedType(pkg, "Outer"))[0].kind, ConstructionKind::kZeroReturn);

  int map_field_assignments = 0;
  for (const FieldAssignment& a : facts.field_assignments()) {
    map_field_assignments += a.owner->fields[static_cast<size_t>(a.field_index)].name == "byKey";
  }
  EXPECT_EQ(map_field_assignments, 1);  // Init's r.byKey = ...
}

TEST(Facts, CallGraphAndNilMapReturns) {
  Checked c = CheckPattern(kFactsDir, false);
  ASSERT_EQ(c.packages.size(), 1u);
  const Package* pkg = c.packages[0];
  Facts facts(c.program.get(), c.packages);
  for (const char* f : {"Maybe", "Named", "Forward", "Chain"}) {
    EXPECT_TRUE(facts.MayReturnNilMap(FuncDecl(pkg, f))) << f;
  }
  for (const char* f : {"Always", "NewRegistry", "Load"}) {
    EXPECT_FALSE(facts.MayReturnNilMap(FuncDecl(pkg, f))) << f;
  }
  // Forward calls Lookup through the interface: both implementations.
  int interface_edges = 0;
  for (const CallEdge* e : facts.CallsFrom(FuncDecl(pkg, "Forward"))) {
    interface_edges += e->kind == CallKind::kInterface;
  }
  EXPECT_EQ(interface_edges, 2);
  // Run starts a closure with go and defers another.
  bool go_closure = false, defer_closure = false;
  for (const CallEdge* e : facts.CallsFrom(FuncDecl(pkg, "Run"))) {
    go_closure = go_closure || (e->kind == CallKind::kClosure && e->go);
    defer_closure = defer_closure || (e->kind == CallKind::kClosure && e->defer);
  }
  EXPECT_TRUE(go_closure);
  EXPECT_TRUE(defer_closure);
  EXPECT_EQ(facts.CallsTo(FuncDecl(pkg, "Maybe")).size(), 1u);
}

TEST(Facts, DebugFactsMatchesGolden) {
  auto got = test::RunCommand(test::ShellQuote(test::Binary()) + " debug facts " +
                              test::ShellQuote(kFactsDir));
  ASSERT_EQ(got.exit_code, 0) << got.err;
  std::string out = got.out;
  const std::string prefix = std::string(MW_SOURCE_DIR) + "/";
  for (size_t at; (at = out.find(prefix)) != std::string::npos;) out.erase(at, prefix.size());
  auto want = ReadInput(kFactsDir + "/facts.golden", 1 << 20);
  ASSERT_TRUE(want.ok());
  EXPECT_EQ(out, *want);
}

// Every package of the standard library, with tests: facts complete, and
// well-known ones hold.
TEST(Facts, StandardLibrary) {
  Checked c = CheckPattern("std", true);
  ASSERT_GT(c.packages.size(), 300u);
  Facts facts(c.program.get(), c.packages);
  EXPECT_GT(facts.calls().size(), 100000u);
  const Package* http = nullptr;
  for (const Package* p : c.packages) {
    if (p->path == "net/http") http = p;
  }
  ASSERT_NE(http, nullptr);
  EXPECT_TRUE(facts.HoldsMap(NamedType(http, "Request")));  // Header, Form, Trailer
  EXPECT_TRUE(facts.HoldsMap(NamedType(http, "ServeMux")));
  EXPECT_FALSE(facts.ConstructionsOf(NamedType(http, "Request")).empty());
}

}  // namespace
}  // namespace mw::sema
