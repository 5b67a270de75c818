// Paths and the events on them, for the map-state analysis. A path names
// the storage an expression denotes (a variable, x.f, s[] for any element
// of a slice or array, m[k] for a map entry by its key's text), equal for
// equal paths; the events of a function are what happens to paths in
// source order: assignments, nil checks, comma-ok reads, conditions that
// prove an entry exists, calls of methods that initialise fields, and
// addresses handed to the module's functions.
#ifndef MAPWARDEN_LINT_MAP_PATHS_H_
#define MAPWARDEN_LINT_MAP_PATHS_H_

#include <string>
#include <string_view>
#include <vector>

#include "lint/map_flow.h"

namespace mw::lint {

inline const syntax::Node* StripParens(const syntax::Node* e) {
  while (e != nullptr && e->Is<syntax::ParenExpr>()) e = e->As<syntax::ParenExpr>()->x;
  return e;
}

inline bool IsMapType(const sema::Type* t) { return t != nullptr && t->IsMap(); }

// `e` without parentheses and without one `&` in front (&T{} -> T{}).
inline const syntax::Node* StripAddressOf(const syntax::Node* e) {
  e = StripParens(e);
  if (const auto* u = e->DynAs<syntax::UnaryExpr>(); u != nullptr && u->op == syntax::Token::kAnd) {
    e = StripParens(u->x);
  }
  return e;
}

// The body and the type of a FuncDecl or FuncLit (null for anything else).
inline const syntax::BlockStmt* BodyOf(const syntax::Node* func) {
  if (func == nullptr) return nullptr;
  if (const auto* fd = func->DynAs<syntax::FuncDecl>()) return fd->body;
  if (const auto* fl = func->DynAs<syntax::FuncLit>()) return fl->body;
  return nullptr;
}
inline const syntax::FuncType* TypeOfFunc(const syntax::Node* func) {
  if (func == nullptr) return nullptr;
  if (const auto* fd = func->DynAs<syntax::FuncDecl>()) return fd->type;
  if (const auto* fl = func->DynAs<syntax::FuncLit>()) return fl->type;
  return nullptr;
}

class MapPaths {
 public:
  MapPaths(const sema::Facts& facts, const MapFlow* flow) : facts_(facts), flow_(flow) {}

  struct Event {
    syntax::Pos pos;
    std::string key;
    bool nil_elements = false;  // make([]map..., n) or a zero array of maps
    const syntax::Node* node = nullptr;
  };

  // The object an identifier (or parenthesized identifier) refers to or
  // declares in `pkg`.
  static sema::Object* UseOf(const sema::Package* pkg, const syntax::Node* e);
  // The same, and for a qualified identifier (pkg.Name, not a field or
  // method selector) the object it names.
  static sema::Object* NamedBy(const sema::Package* pkg, const syntax::Node* e);
  // The path of an expression in the current file, or "" when it has none.
  std::string PathKey(const syntax::Node* e) const;
  bool IsNilIdent(const syntax::Node* e) const { return IsNil(pkg_, e); }
  // Whether `e` is the predeclared nil in `pkg`.
  static bool IsNil(const sema::Package* pkg, const syntax::Node* e);
  // Whether `e` calls the predeclared function `name` (make, len, append).
  static bool IsBuiltinCall(const sema::Package* pkg, const syntax::Node* e, std::string_view name);
  // A value whose elements are nil maps: make([]map[K]V, n) with n > 0
  // possible.
  bool HasNilElements(const syntax::Node* value) const;
  // The index expressions m[k] that `cond`, known to be `truth`, shows to
  // hold a non-zero value (so m is not nil, nor m[k] when it is a map).
  void ImpliedEntries(const syntax::Node* cond, bool truth,
                      std::vector<const syntax::IndexExpr*>* out) const;
  // The events of a function body, in source order (closures excluded).
  void CollectEvents(const syntax::Node* body, std::vector<Event>* events) const;
  // Whether `key` (or a path under an address handed out) had an event
  // before `pos`.
  static bool GuardedBefore(const std::vector<Event>& events, const std::string& key,
                            syntax::Pos pos);

 protected:
  std::string_view Text(const syntax::Node* n) const;

  const sema::Facts& facts_;
  const MapFlow* flow_;
  const sema::Package* pkg_ = nullptr;
  const syntax::ParsedFile* file_ = nullptr;
};

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_MAP_PATHS_H_
