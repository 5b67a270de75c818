// The map-state analysis the nil-map rules share. For every write into a
// map (m[k] = v, m[k] op= v, m[k]++) in the checked packages it records
// what is written (a variable, a struct field, an element of a slice or
// array of maps, an inner map of a map of maps, a call's result) and what
// is known there:
// - for variables, whether the map is nil, maybe nil or made at that
//   point, by a flow analysis over the function's statements (branches
//   joined, loops iterated, nil checks refining their branches);
// - for other paths, whether the same path was assigned or checked
//   against nil earlier in the function (the guard idioms), and where the
//   value came from.
// It also records nil maps passed to functions that write the parameter.
#ifndef MAPWARDEN_LINT_MAP_FLOW_H_
#define MAPWARDEN_LINT_MAP_FLOW_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "lint/map_flow_prepare.h"
#include "sema/facts.h"
#include "sema/program.h"

namespace mw::lint {

enum class Nilness : uint8_t { kNil, kMaybe, kNonNil };

// Why a variable is nil where it is written.
enum class NilOrigin : uint8_t {
  kDeclared,     // var m map[K]V, no value
  kAssignedNil,  // m = nil
  kNilBranch,    // inside if m == nil (or the else of m != nil)
  kCall,         // m := f(), and f may return a nil map
  kPackageVar,   // a package-level map never assigned anywhere
};

enum class WriteTarget : uint8_t { kVar, kField, kElement, kInner, kCall, kOther };

struct MapWrite {
  const sema::Package* pkg = nullptr;
  const syntax::ParsedFile* file = nullptr;
  const syntax::Node* func = nullptr;         // enclosing FuncDecl or FuncLit
  const syntax::Node* stmt = nullptr;         // the assignment or ++/--
  const syntax::IndexExpr* target = nullptr;  // m[k]
  const syntax::Node* map_expr = nullptr;     // m
  WriteTarget kind = WriteTarget::kOther;
  // kVar: the variable, and its state when the flow knows it.
  const sema::Object* var = nullptr;
  bool known = false;
  Nilness state = Nilness::kNonNil;
  NilOrigin origin = NilOrigin::kDeclared;
  const syntax::Node* origin_node = nullptr;  // the declaration, nil assignment, check or call
  const syntax::ParsedFile* origin_file = nullptr;
  const syntax::Node* origin_callee = nullptr;  // kCall: the function that may return nil
  // kField: the selection x.f; kElement: the slice or array path; kInner:
  // the outer map. `guarded`: the same path was assigned or compared with
  // nil (or read as `v, ok := m[a]`) earlier in the function.
  const sema::Selection* field = nullptr;
  const syntax::Node* base = nullptr;  // x in x.f, s in s[i], m in m[a]
  bool guarded = false;
  // kElement: where the slice or array got nil elements (make([]map..., n),
  // var a [N]map...), if that happened earlier in the function.
  const syntax::Node* nil_elements = nullptr;
  // kCall: the called function, when it may return a nil map.
  const syntax::Node* callee = nullptr;
};

// A map that is nil (or maybe) passed to a function of the checked
// packages that writes that parameter.
struct NilArgument {
  const sema::Package* pkg = nullptr;
  const syntax::ParsedFile* file = nullptr;
  const syntax::CallExpr* call = nullptr;
  const syntax::Node* arg = nullptr;
  const sema::Object* var = nullptr;
  Nilness state = Nilness::kNil;
  NilOrigin origin = NilOrigin::kDeclared;
  const syntax::Node* origin_node = nullptr;
  const syntax::Node* callee = nullptr;  // FuncDecl
  const syntax::Node* callee_write = nullptr;
  const syntax::ParsedFile* callee_file = nullptr;
};

class MapFlow {
 public:
  // `prepared`: PrepareFlow(packages).
  MapFlow(sema::Program* program, const std::vector<const sema::Package*>& packages,
          const sema::Facts& facts, PreparedFlow prepared);
  const std::vector<MapWrite>& writes() const { return writes_; }
  const std::vector<NilArgument>& nil_arguments() const { return nil_args_; }
  // Paths assigned by each method (x.f = ... inside M, for its receiver x):
  // calling M initialises them (lazy-init helpers, init methods).
  const std::vector<std::string>* FieldsInitialisedBy(const syntax::Node* method) const;
  // Receiver fields a predicate method (a body of one return) compares with
  // nil: calling it checks them, as `x.f != nil` itself would.
  const std::vector<std::string>* FieldsCheckedBy(const syntax::Node* method) const;

 private:
  friend class FlowBuilder;
  std::vector<MapWrite> writes_;
  std::vector<NilArgument> nil_args_;
  std::unordered_map<const syntax::Node*, std::vector<std::string>> init_fields_;
  std::unordered_map<const syntax::Node*, std::vector<std::string>> checked_fields_;
};

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_MAP_FLOW_H_
