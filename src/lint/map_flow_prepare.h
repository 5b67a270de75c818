// The program-wide part of the map-state analysis (map_flow.h), gathered
// before any function's flow: the package-level maps declared nil and
// whether anything assigns them, the parameters each function writes (for
// nil maps passed to it), and the receiver fields each method assigns or
// checks (lazy-init helpers, predicates).
#ifndef MAPWARDEN_LINT_MAP_FLOW_PREPARE_H_
#define MAPWARDEN_LINT_MAP_FLOW_PREPARE_H_

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "sema/program.h"

namespace mw::lint {

// The package-level maps of `pkg` declared without a value (or nil), with
// their declarations, added to `out`.
void CollectNilPackageVars(const sema::Package* pkg,
                           std::unordered_map<const sema::Object*, const syntax::Node*>* out);

// One package's share; the shares of all packages are merged (everything
// is keyed by object or function, so the order does not matter).
struct FlowPreparation {
  // Where the nil package-level maps `nil_vars` are assigned or
  // address-taken, and what each function writes or initialises.
  void Prepare(const sema::Package* pkg,
               const std::unordered_map<const sema::Object*, const syntax::Node*>& nil_vars);

  std::unordered_set<const sema::Object*> assigned_anywhere;
  // FuncDecl -> parameter index -> (a write of it, its file)
  std::unordered_map<
      const syntax::Node*,
      std::unordered_map<size_t, std::pair<const syntax::Node*, const syntax::ParsedFile*>>>
      param_writes;
  // Methods' receiver fields assigned, and compared with nil by a
  // predicate (a body of one return).
  std::unordered_map<const syntax::Node*, std::vector<std::string>> init_fields, checked_fields;

 private:
  void PrepareFunc(const sema::Package* pkg, const syntax::ParsedFile* pf,
                   const syntax::FuncDecl* fd);
};

// Every package's share, prepared on worker threads and merged. It reads
// only the checked syntax and types, not the facts, so that it runs beside
// Facts::Complete (whose first steps are sequential).
struct PreparedFlow {
  std::unordered_map<const sema::Object*, const syntax::Node*> nil_package_vars;
  std::unordered_set<const sema::Object*> assigned_anywhere;
  decltype(FlowPreparation::param_writes) param_writes;
  decltype(FlowPreparation::init_fields) init_fields, checked_fields;
};
PreparedFlow PrepareFlow(const std::vector<const sema::Package*>& packages);

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_MAP_FLOW_PREPARE_H_
