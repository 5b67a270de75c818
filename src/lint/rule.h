// The rule interface. Each rule is one class in rules/<code>_<name>.{h,cc},
// listed once in rules.def; it reads the checked program, its facts and the
// shared map-state analysis, and reports diagnostics through the context.
#ifndef MAPWARDEN_LINT_RULE_H_
#define MAPWARDEN_LINT_RULE_H_

#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "sema/facts.h"
#include "sema/program.h"

namespace mw::lint {

class MapFlow;

// The fixed documentation template: `mapwarden explain CODE` prints it.
struct RuleDoc {
  const char* summary;
  const char* what;
  const char* why;
  const char* example;
  const char* fix;
  const char* scenarios;  // rows of the scenarios document the rule traces to
};

class RuleContext {
 public:
  RuleContext(sema::Program* program, const std::vector<const sema::Package*>& packages,
              const sema::Facts* facts, const MapFlow* flow, std::string base_dir)
      : program_(program),
        packages_(packages),
        facts_(facts),
        flow_(flow),
        base_dir_(std::move(base_dir)) {}

  sema::Program& program() const { return *program_; }
  const std::vector<const sema::Package*>& packages() const { return packages_; }
  const sema::Facts& facts() const { return *facts_; }
  const MapFlow& flow() const { return *flow_; }

  // The span of `n` in `file`, with the path relative to the base directory.
  diag::Span SpanOf(const syntax::ParsedFile* file, const syntax::Node* n) const;
  std::string RelativePath(const std::string& path) const;
  // The source text of a node.
  static std::string_view TextOf(const syntax::ParsedFile* file, const syntax::Node* n);

  void Report(diag::Diagnostic d) { diags_.push_back(std::move(d)); }
  std::vector<diag::Diagnostic>& diagnostics() { return diags_; }

 private:
  sema::Program* program_;
  const std::vector<const sema::Package*>& packages_;
  const sema::Facts* facts_;
  const MapFlow* flow_;
  std::string base_dir_;
  std::vector<diag::Diagnostic> diags_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const char* code() const = 0;
  virtual const char* name() const = 0;
  virtual const RuleDoc& doc() const = 0;
  virtual void Run(RuleContext* ctx) const = 0;

 protected:
  // A diagnostic of this rule at `n`.
  diag::Diagnostic Make(const RuleContext& ctx, const syntax::ParsedFile* file,
                        const syntax::Node* n, std::string message) const;
};

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_RULE_H_
