// AST conformance with the oracle: tests/programs/astdump prints the same
// canonical dump from go/parser. Every .go file under GOROOT/src must give
// an identical dump, or, where go/parser rejects the file, an error.
#include <gtest/gtest.h>

#include <map>

#include "base/file_io.h"
#include "base/strings.h"
#include "load/loader.h"
#include "syntax/ast_dump.h"
#include "syntax/parser.h"
#include "test_util.h"

namespace mw::syntax {
namespace {

TEST(ParserConformance, EveryGorootFileMatchesGoParser) {
  const std::string goroot = load::FindGoroot("");
  ASSERT_FALSE(goroot.empty());
  const std::string list = ::testing::TempDir() + "/goroot-files.txt";
  auto files = test::RunCommand("find -L " + test::ShellQuote(goroot + "/src") +
                                " -name '*.go' -type f | sort > " + test::ShellQuote(list));
  ASSERT_EQ(files.exit_code, 0) << files.err;
  auto oracle = test::RunCommand(test::ShellQuote(test::GeneratedDir() + "/bin/astdump") +
                                 " -hash -list " + test::ShellQuote(list));
  ASSERT_EQ(oracle.exit_code, 0) << oracle.err;

  size_t compared = 0, accepted = 0, rejected = 0;
  std::vector<std::string> failures;
  std::string dump;
  RunWithLargeStack([&] {
    for (std::string_view line : Split(oracle.out, '\n')) {
      if (line.empty()) continue;
      const bool ok = StartsWith(line, "ok ");
      std::string path;
      uint64_t want = 0;
      if (ok) {
        auto fields = SplitFields(line);
        ASSERT_EQ(fields.size(), 3u) << line;
        want = *ParseUint64(fields[1], 16);
        path = std::string(fields[2]);
      } else {
        // "error PATH:LINE:COL: MESSAGE"
        std::string_view rest = line.substr(6);
        path = std::string(rest.substr(0, rest.find(".go:") + 3));
      }
      auto content = ReadInput(path, 1 << 30);
      ASSERT_TRUE(content.ok()) << content.status().message();
      ParsedFile pf = ParseFile(path, std::move(*content));
      ++compared;
      if (ok) {
        ++accepted;
        if (!pf.ok()) {
          failures.push_back(path +
                             ": go/parser accepts it; mapwarden: " + pf.FormatError(pf.errors[0]));
          continue;
        }
        dump.clear();
        DumpAst(pf.file, &dump);
        if (Fnv64a(dump) != want) failures.push_back(path + ": AST dump differs");
      } else {
        ++rejected;
        if (pf.ok()) failures.push_back(path + ": go/parser rejects it, mapwarden accepts it");
      }
    }
  });
  std::printf(
      "AST conformance: %zu files compared (%zu accepted, %zu rejected by go/parser), "
      "%zu differ\n",
      compared, accepted, rejected, failures.size());
  EXPECT_GT(compared, 5000u);
  for (size_t i = 0; i < failures.size() && i < 20; ++i) ADD_FAILURE() << failures[i];
}

// Imported files are indexed (lazy_decls) and their declarations parsed
// one at a time when needed: every GOROOT file go/parser accepts must give,
// once each of its declarations is parsed that way, the tree the parse of
// the whole file gives with the same options.
TEST(ParserConformance, LazyDeclarationsParseAsTheWholeFile) {
  const std::string goroot = load::FindGoroot("");
  ASSERT_FALSE(goroot.empty());
  auto files = test::RunCommand("find -L " + test::ShellQuote(goroot + "/src") +
                                " -name '*.go' -type f | sort");
  ASSERT_EQ(files.exit_code, 0) << files.err;
  const ParseOptions lazy = ImportedFileOptions();
  ParseOptions eager = lazy;
  eager.lazy_decls = false;
  size_t compared = 0, indexed = 0, declarations = 0;
  std::vector<std::string> failures;
  RunWithLargeStack([&] {
    for (std::string_view path : Split(files.out, '\n')) {
      if (path.empty()) continue;
      auto content = ReadInput(std::string(path), 1 << 30);
      ASSERT_TRUE(content.ok()) << content.status().message();
      ParsedFile whole = ParseFile(std::string(path), *content, eager);
      if (!whole.ok()) continue;
      ParsedFile index = ParseFile(std::string(path), std::move(*content), lazy);
      if (!index.ok()) {
        failures.push_back(std::string(path) + ": " + index.FormatError(index.errors[0]));
        continue;
      }
      ++compared;
      std::vector<Decl*> decls(index.file->decls.begin(), index.file->decls.end());
      for (Decl*& d : decls) {
        ++declarations;
        if (const LazyDecl* l = d->DynAs<LazyDecl>()) {
          ++indexed;
          d = ParseLazyDecl(l);
          if (d->Start() != l->from || d->End() != l->to) {
            failures.push_back(std::string(path) + ": extent of the declaration at " +
                               std::to_string(l->from) + " differs");
          }
        }
      }
      File parsed = *index.file;
      parsed.decls.data = decls.data();
      std::string want, got;
      DumpAst(whole.file, &want);
      DumpAst(&parsed, &got);
      if (want != got) failures.push_back(std::string(path) + ": AST dump differs");
    }
  });
  std::printf("lazy declarations: %zu files, %zu of %zu declarations indexed, %zu differ\n",
              compared, indexed, declarations, failures.size());
  EXPECT_GT(compared, 5000u);
  EXPECT_GT(indexed, declarations * 9 / 10);
  for (size_t i = 0; i < failures.size() && i < 20; ++i) ADD_FAILURE() << failures[i];
}

}  // namespace
}  // namespace mw::syntax
