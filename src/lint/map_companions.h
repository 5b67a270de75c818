// Maps made together: `if a == nil { a = make(...); b = make(...) }` keeps
// b made whenever a is, so a write to b where a is known to be made is
// safe even though b's own state joins "made" with "nil". The invariant is
// established syntactically, per function, and only where it holds on
// every path:
// - a and b are local map variables of the function, declared in the same
//   statement list (so a loop cannot declare b anew while a stays made);
// - b is only ever assigned made maps (make or a literal) after its
//   declaration;
// - every assignment that may give a a non-nil value sits next to one that
//   makes b: in the same statement, or in the same statement list with only
//   assignments between them that do not write b;
// - neither is assigned in a closure or has its address taken, and the
//   function has no goto.
#ifndef MAPWARDEN_LINT_MAP_COMPANIONS_H_
#define MAPWARDEN_LINT_MAP_COMPANIONS_H_

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sema/program.h"

namespace mw::lint {

// For each map variable b, the variables a such that b is made wherever a
// is not nil.
using MadeWith = std::unordered_map<const sema::Object*, std::vector<const sema::Object*>>;

MadeWith FindMapsMadeTogether(const sema::Package* pkg, const syntax::BlockStmt* body,
                              const std::unordered_set<const sema::Object*>& untracked);

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_MAP_COMPANIONS_H_
