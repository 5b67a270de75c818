#include "lint/analysis.h"

#include <cstdio>
#include <optional>

#include "base/parallel.h"
#include "base/strings.h"
#include "base/timing.h"
#include "lint/registry.h"
#include "lint/suppress.h"
#include "sema/facts.h"
#include "syntax/parser.h"

namespace mw::lint {

StatusOr<std::unique_ptr<Analysis>> Analyze(const std::vector<std::string>& patterns,
                                            const AnalysisOptions& options) {
  auto a = std::make_unique<Analysis>();
  std::optional<PhaseTimer> phase;
  phase.emplace("load");
  auto loaded_or = load::Load(patterns, options.load);
  if (!loaded_or.ok()) return loaded_or.status();
  a->loaded = std::make_unique<load::LoadResult>(std::move(*loaded_or));
  const load::LoadResult& loaded = *a->loaded;

  for (const load::Package& p : loaded.packages) {
    for (const std::string& e : p.errors) {
      if (options.report_input_problems) std::fprintf(stderr, "mapwarden: %s\n", e.c_str());
      a->input_errors = true;
    }
    for (const syntax::ParsedFile& f : p.files) {
      for (const syntax::SyntaxError& e : f.errors) {
        if (options.report_input_problems) std::fprintf(stderr, "%s\n", f.FormatError(e).c_str());
        a->input_errors = true;
      }
    }
  }
  const bool progress = options.progress && loaded.packages.size() >= 50;
  if (progress) {
    std::fprintf(stderr, "mapwarden: checking %zu packages (%zu files)...\r",
                 loaded.packages.size(), loaded.files_parsed);
  }
  sema::ProgramConfig pc;
  pc.goroot = options.load.goroot;
  pc.build = options.load.build;
  a->program = std::make_unique<sema::Program>(pc);
  sema::Program* program = a->program.get();
  phase.emplace("imports");
  program->AddLoaded(loaded, options.load.jobs);
  phase.emplace("declare");
  syntax::RunWithLargeStack([&] {
    std::vector<std::pair<std::string, std::vector<const syntax::ParsedFile*>>> to_declare;
    for (const load::Package& p : loaded.packages) {
      to_declare.emplace_back(p.import_path, p.PackageFiles());
      if (p.xtest_begin < p.files.size()) {
        to_declare.emplace_back(p.import_path + "_test", p.XTestFiles());
      }
      for (const syntax::ParsedFile& f : p.files) a->files.push_back(&f);
    }
    std::vector<sema::Package*> declared = program->DeclareAll(to_declare, options.load.jobs);
    a->packages.assign(declared.begin(), declared.end());
    phase.emplace("bodies");
    // Each package's facts are gathered right after its bodies are checked.
    a->facts = sema::Facts::Start(program, a->packages);
    program->CheckBodies(declared, options.load.jobs, [&](size_t i) { a->facts->AddPackage(i); });
  });
  if (options.report_input_problems) {
    for (const sema::Package* pkg : a->packages) {
      sema::WarnUnresolvedImports(*pkg, "findings that depend on it are not reported");
    }
  }
  phase.emplace("facts");
  // The facts' last step begins with a sequential join of the packages'
  // shares, and the map-state analysis's preparation needs no facts: the
  // two run side by side, the preparation's packages filling the cores.
  PreparedFlow prepared;
  RunTasks(options.load.jobs > 0 ? options.load.jobs : WorkerCount(),
           {[&] { a->facts->Complete(); }, [&] { prepared = PrepareFlow(a->packages); }});
  phase.emplace("flow");
  a->flow = std::make_unique<MapFlow>(program, a->packages, *a->facts, std::move(prepared));
  phase.emplace("rules");
  a->context = std::make_unique<RuleContext>(program, a->packages, a->facts.get(), a->flow.get(),
                                             options.base_dir);
  for (const auto& rule : AllRules()) {
    if (!options.enabled.empty() && options.enabled.count(rule->code()) == 0) continue;
    if (options.disabled.count(rule->code()) != 0) continue;
    rule->Run(a->context.get());
    a->rules_run.push_back({rule->code(), rule->name(), rule->doc().summary,
                            std::string(TrimSpace(rule->doc().what))});
  }
  phase.reset();
  if (progress) std::fprintf(stderr, "%80s\r", "");
  a->diagnostics = std::move(a->context->diagnostics());
  RuleContext* ctx = a->context.get();
  ApplyInlineSuppressions(
      a->files, [ctx](const std::string& p) { return ctx->RelativePath(p); }, &a->diagnostics);
  diag::SortDiagnostics(&a->diagnostics);
  return a;
}

}  // namespace mw::lint
