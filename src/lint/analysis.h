// The whole source pipeline behind `mapwarden check`, shared with the
// commands that join runtime evidence to the source (`mapwarden heap`):
// load the packages, type-check them, compute the facts and the map-state
// analysis, and run the rules.
#ifndef MAPWARDEN_LINT_ANALYSIS_H_
#define MAPWARDEN_LINT_ANALYSIS_H_

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "diag/render/render.h"
#include "lint/map_flow.h"
#include "lint/rule.h"
#include "load/loader.h"
#include "sema/facts.h"
#include "sema/program.h"

namespace mw::lint {

struct AnalysisOptions {
  load::LoadConfig load;
  std::set<std::string> enabled;   // rule codes; empty: every rule
  std::set<std::string> disabled;  // rule codes
  // Print "checking N packages..." on stderr while working (for terminals).
  bool progress = false;
  // Print the syntax errors and missing imports on stderr, as check does.
  bool report_input_problems = true;
  std::string base_dir;  // paths in diagnostics are relative to it
};

struct Analysis {
  std::unique_ptr<load::LoadResult> loaded;
  std::unique_ptr<sema::Program> program;
  std::vector<const sema::Package*> packages;
  std::vector<const syntax::ParsedFile*> files;  // every file checked
  std::unique_ptr<sema::Facts> facts;
  std::unique_ptr<MapFlow> flow;
  std::unique_ptr<RuleContext> context;
  std::vector<diag::RuleInfo> rules_run;
  // Inline suppressions applied, sorted.
  std::vector<diag::Diagnostic> diagnostics;
  bool input_errors = false;  // a package or file could not be read or parsed
};

// Runs the pipeline on `patterns`. Fails only when the patterns cannot be
// resolved; broken files are reported and set input_errors.
StatusOr<std::unique_ptr<Analysis>> Analyze(const std::vector<std::string>& patterns,
                                            const AnalysisOptions& options);

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_ANALYSIS_H_
