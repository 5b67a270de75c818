// Guards in the callers of the function that writes: the helper
//
//   func (m compressionMap) insert(s string, pos int) { ... m.int[s] = ... }
//
// is called only as `if compression.valid() { compression.insert(s, off) }`,
// where valid() compares m.int with nil. A write to x.f[k], x the
// function's receiver or one of its parameters (never assigned in it),
// counts as guarded when every call of the function in the checked
// packages has, earlier in its caller, an assignment, nil check or
// checking predicate of the argument's f: the same guards the write's own
// function would need (MapPaths::GuardedBefore). Only for unexported
// functions named nowhere but in those calls (no method values, no
// interface calls), so that the calls are all there are.
#ifndef MAPWARDEN_LINT_CALLER_GUARDS_H_
#define MAPWARDEN_LINT_CALLER_GUARDS_H_

#include "lint/map_flow.h"

namespace mw::lint {

bool GuardedByEveryCaller(const sema::Facts& facts, const MapFlow& flow, const MapWrite& w);

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_CALLER_GUARDS_H_
