// Branches that the calls of a function rule out by their constant
// arguments: a value handed to `addSym(..., nonPkgDef, ...)` never reaches
// the code under `switch kind { case hashedDef: ... }` of that call.
#ifndef MAPWARDEN_LINT_CONSTANT_ARGUMENTS_H_
#define MAPWARDEN_LINT_CONSTANT_ARGUMENTS_H_

#include <vector>

#include "sema/program.h"

namespace mw::lint {

// A call through which a followed value entered a parameter or receiver.
struct EntrySite {
  const syntax::CallExpr* call = nullptr;
  const sema::Package* pkg = nullptr;    // the caller's package
  const syntax::Node* callee = nullptr;  // the FuncDecl called
};

// Whether `node`, in the body of `func` (a FuncDecl of `pkg`), lies in a
// branch on one of func's parameters that every call in `sites` rules out
// by passing an integer constant: under `switch p { case a, b: ... }` (or
// its default), `if p == a { ... }` or `if p != a { ... } else { ... }`,
// where `func` never assigns `p` and the cases are constants too.
bool RuledOutByConstantArguments(const sema::Package* pkg, const syntax::FuncDecl* func,
                                 const syntax::Node* node, const std::vector<EntrySite>& sites);

// Whether `func` assigns `var`, increments it or takes its address
// (closures included).
bool AssignsVar(const sema::Package* pkg, const syntax::FuncDecl* func, const sema::Object* var);

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_CONSTANT_ARGUMENTS_H_
