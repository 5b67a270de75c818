// libFuzzer target for the Go parser: any bytes must parse (or fail) without
// crashing, and the tree (even a partial one) must dump, type-check and go
// through the rules and the heap report's line classification. Source that
// parses cleanly must parse the same with function bodies skipped (the
// imported packages' mode): the same declarations, braces in the same
// places; and the same once indexed and parsed declaration by declaration.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lint/map_flow.h"
#include "lint/registry.h"
#include "pprof/heap_maps.h"
#include "pprof/heap_report.h"
#include "pprof/heap_source.h"
#include "sema/dump.h"
#include "sema/facts.h"
#include "syntax/ast_dump.h"
#include "syntax/parser.h"

namespace {

void CheckSkippedBodies(const mw::syntax::ParsedFile& full, std::string src) {
  mw::syntax::ParseOptions options;
  options.skip_func_bodies = true;
  options.skip_literal_values = true;
  mw::syntax::ParsedFile skipped = mw::syntax::ParseFile("fuzz.go", std::move(src), options);
  if (!skipped.ok() || skipped.file->decls.size != full.file->decls.size) std::abort();
  for (size_t i = 0; i < full.file->decls.size; ++i) {
    const auto* f = full.file->decls[i]->DynAs<mw::syntax::FuncDecl>();
    const auto* s = skipped.file->decls[i]->DynAs<mw::syntax::FuncDecl>();
    if ((f == nullptr) != (s == nullptr)) std::abort();
    if (f == nullptr || f->body == nullptr) continue;
    if (s->body == nullptr || f->body->lbrace != s->body->lbrace ||
        f->body->rbrace != s->body->rbrace) {
      std::abort();
    }
  }
}

// Any input indexed (lazy_decls), every indexed declaration parsed: no
// crash; where the input parses cleanly, the declarations parsed one by
// one make the tree the whole parse makes.
void CheckLazyDecls(const std::string& src) {
  const mw::syntax::ParseOptions lazy = mw::syntax::ImportedFileOptions();
  mw::syntax::ParseOptions eager = lazy;
  eager.lazy_decls = false;
  mw::syntax::ParsedFile index = mw::syntax::ParseFile("fuzz.go", src, lazy);
  if (index.file == nullptr) return;
  std::vector<mw::syntax::Decl*> decls(index.file->decls.begin(), index.file->decls.end());
  for (mw::syntax::Decl*& d : decls) {
    if (const auto* l = d->DynAs<mw::syntax::LazyDecl>()) d = mw::syntax::ParseLazyDecl(l);
  }
  mw::syntax::ParsedFile whole = mw::syntax::ParseFile("fuzz.go", src, eager);
  if (!whole.ok() || !index.ok()) return;
  mw::syntax::File parsed = *index.file;
  parsed.decls.data = decls.data();
  std::string want, got;
  mw::syntax::DumpAst(whole.file, &want);
  mw::syntax::DumpAst(&parsed, &got);
  if (want != got) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string src(reinterpret_cast<const char*>(data), size);
  mw::syntax::RunWithLargeStack([&] {
    mw::syntax::ParsedFile pf = mw::syntax::ParseFile("fuzz.go", src);
    if (pf.ok() && pf.file != nullptr) CheckSkippedBodies(pf, src);
    CheckLazyDecls(src);
    if (pf.file != nullptr) {
      std::string dump;
      mw::syntax::DumpAst(pf.file, &dump);
      // Type-check it alone (imports are not read: the input names them).
      mw::sema::ProgramConfig config;
      config.load_imports = false;
      mw::sema::Program program(config);
      std::string types;
      const mw::sema::Package* pkg = program.Check("fuzz", {&pf});
      mw::sema::DumpTypes(*pkg, program.types(), &types);
      // And the rules, over whatever was typed.
      std::vector<const mw::sema::Package*> packages{pkg};
      mw::sema::Facts facts(&program, packages);
      mw::lint::MapFlow flow(&program, packages, facts, mw::lint::PrepareFlow(packages));
      mw::lint::RuleContext ctx(&program, packages, &facts, &flow, "");
      for (const auto& rule : mw::lint::AllRules()) rule->Run(&ctx);
      // And the heap report's line classification, with a site of each
      // size every line can allocate charged to it.
      auto index = mw::pprof::SourceIndex::ForPackages(&program, packages, &facts);
      const std::string path = mw::pprof::AbsoluteSourcePath("fuzz.go");
      mw::pprof::HeapSites sites;
      if (const auto* lines = index->LinesOf(path)) {
        for (const auto& [line, sl] : *lines) {
          mw::pprof::AllocSite site;
          site.function = "main.f";
          site.file = path;
          site.line = line;
          int64_t n = 1;
          for (const mw::pprof::Allocation& a : sl.allocations) {
            for (int64_t bytes : a.sizes) {
              site.sizes.push_back({bytes, {n, n * bytes, n / 2, n / 2 * bytes}});
              n = n * 3 % 1000 + 1;
            }
          }
          site.sizes.push_back({0, {1, 64, 1, 64}});
          std::sort(site.sizes.begin(), site.sizes.end(),
                    [](const auto& a, const auto& b) { return a.bytes < b.bytes; });
          site.sizes.erase(
              std::unique(site.sizes.begin(), site.sizes.end(),
                          [](const auto& a, const auto& b) { return a.bytes == b.bytes; }),
              site.sizes.end());
          for (const auto& sv : site.sizes) site.total += sv.values;
          sites.total += site.total;
          sites.sites.push_back(std::move(site));
        }
      }
      sites.sample_rate = 1 + static_cast<int64_t>(size % 1024);
      mw::pprof::HeapReport now = mw::pprof::AttributeHeap(sites, *index);
      mw::pprof::HeapReport base = mw::pprof::AttributeHeap(sites, *index);
      mw::pprof::CompareWithBase(&now, base);
      mw::pprof::HeapRenderOptions ro;
      (void)mw::pprof::RenderHeapText(now, ro);
      (void)mw::pprof::RenderHeapJson(now, ro);
    }
  });
  return 0;
}
