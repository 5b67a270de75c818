#include "lint/map_paths.h"

#include <algorithm>

#include "syntax/walk.h"

namespace mw::lint {

using namespace syntax;  // NOLINT: this file walks the syntax tree throughout
using sema::Object;
using sema::ObjectKind;
using sema::Type;
using sema::TypeKind;

Object* MapPaths::UseOf(const sema::Package* pkg, const Node* e) {
  const Ident* id = e != nullptr ? StripParens(e)->DynAs<Ident>() : nullptr;
  if (id == nullptr) return nullptr;
  auto u = pkg->info.uses.find(id);
  if (u != pkg->info.uses.end()) return u->second;
  auto d = pkg->info.defs.find(id);
  return d != pkg->info.defs.end() ? d->second : nullptr;
}

Object* MapPaths::NamedBy(const sema::Package* pkg, const Node* e) {
  if (e == nullptr) return nullptr;
  if (const SelectorExpr* se = StripParens(e)->DynAs<SelectorExpr>()) {
    return pkg->info.selections.count(se) == 0 ? UseOf(pkg, se->sel) : nullptr;
  }
  return UseOf(pkg, e);
}

std::string_view MapPaths::Text(const Node* n) const {
  const auto& src = file_->source->content();
  return std::string_view(src).substr(n->Start(), n->End() - n->Start());
}

// A name for the storage an expression denotes (variable, field path,
// element, map entry), equal for equal paths; "" when it has none.
std::string MapPaths::PathKey(const Node* e) const {
  e = StripParens(e);
  if (e == nullptr) return "";
  if (const StarExpr* s = e->DynAs<StarExpr>()) return PathKey(s->x);
  if (const Ident* id = e->DynAs<Ident>()) {
    Object* o = UseOf(pkg_, id);
    return o == nullptr ? "" : "v" + std::to_string(reinterpret_cast<uintptr_t>(o));
  }
  if (const SelectorExpr* se = e->DynAs<SelectorExpr>()) {
    auto sel = pkg_->info.selections.find(se);
    if (sel == pkg_->info.selections.end()) return PathKey(se->sel);  // pkg.Var
    if (!sel->second.is_field) return "";
    std::string base = PathKey(se->x);
    return base.empty() ? "" : base + "." + std::string(se->sel->name);
  }
  if (const IndexExpr* ix = e->DynAs<IndexExpr>()) {
    std::string base = PathKey(ix->x);
    if (base.empty()) return "";
    auto tv = pkg_->info.types.find(ix->x);
    if (tv != pkg_->info.types.end() && IsMapType(tv->second.type)) {
      return base + "[" + std::string(Text(ix->index)) + "]";
    }
    return base + "[]";
  }
  return "";
}

bool MapPaths::IsNil(const sema::Package* pkg, const Node* e) {
  Object* o = UseOf(pkg, e);
  return o != nullptr && o->kind == ObjectKind::kNil;
}

bool MapPaths::IsBuiltinCall(const sema::Package* pkg, const Node* e, std::string_view name) {
  const CallExpr* c = e != nullptr ? StripParens(e)->DynAs<CallExpr>() : nullptr;
  if (c == nullptr) return false;
  const Object* f = UseOf(pkg, c->fun);
  return f != nullptr && f->kind == ObjectKind::kBuiltin && f->name == name;
}

// A value whose elements are nil maps: make([]map[K]V, n) with n > 0
// possible, or the zero value of an array of maps.
bool MapPaths::HasNilElements(const Node* value) const {
  const CallExpr* call = StripParens(value)->DynAs<CallExpr>();
  if (call == nullptr || call->args.size < 2 || !IsBuiltinCall(pkg_, call, "make")) return false;
  auto tv = pkg_->info.types.find(call);
  if (tv == pkg_->info.types.end() || tv->second.type == nullptr) return false;
  const Type* u = tv->second.type->Underlying();
  if (u->kind != TypeKind::kSlice || !IsMapType(u->elem)) return false;
  const BasicLit* n = StripParens(call->args[1])->DynAs<BasicLit>();
  return n == nullptr || n->value != "0";
}

void MapPaths::CollectEvents(const Node* body, std::vector<Event>* events) const {
  Inspect(body, [&](const Node* n) {
    if (n->Is<FuncLit>()) return false;
    if (const AssignStmt* a = n->DynAs<AssignStmt>()) {
      for (size_t i = 0; i < a->lhs.size; ++i) {
        std::string key = PathKey(a->lhs[i]);
        if (key.empty()) continue;
        const Node* rhs = a->lhs.size == a->rhs.size ? a->rhs[i] : nullptr;
        events->push_back({a->Start(), key, rhs != nullptr && HasNilElements(rhs), a});
        // v, ok := m[a] reads (and so checks) the entry.
        if (a->lhs.size == 2 && a->rhs.size == 1) {
          std::string read = PathKey(a->rhs[0]);
          if (!read.empty()) events->push_back({a->Start(), read, false, a});
        }
      }
    } else if (const BinaryExpr* b = n->DynAs<BinaryExpr>();
               b != nullptr && (b->op == Token::kEql || b->op == Token::kNeq)) {
      const Node* side = IsNilIdent(b->y) ? b->x : IsNilIdent(b->x) ? b->y : nullptr;
      if (side != nullptr) {
        std::string key = PathKey(side);
        if (!key.empty()) events->push_back({b->Start(), key, false, b});
      }
    } else if (const IfStmt* is = n->DynAs<IfStmt>()) {
      // if m[a][k] { ... }: inside, m[a] is a map with entries.
      std::vector<const IndexExpr*> entries;
      ImpliedEntries(is->cond, true, &entries);
      for (const IndexExpr* ix : entries) {
        std::string key = PathKey(ix->x);
        if (!key.empty()) events->push_back({is->Start(), key, false, is});
      }
    } else if (const syntax::ValueSpec* vs = n->DynAs<syntax::ValueSpec>()) {
      for (size_t i = 0; i < vs->names.size; ++i) {
        std::string key = PathKey(vs->names[i]);
        if (key.empty()) continue;
        Object* o = UseOf(pkg_, vs->names[i]);
        bool nil_elems = false;
        if (i < vs->values.size) {
          nil_elems = HasNilElements(vs->values[i]);
        } else if (o != nullptr && o->type != nullptr) {
          const Type* u = o->type->Underlying();
          nil_elems = u->kind == TypeKind::kArray && IsMapType(u->elem);
        }
        events->push_back({vs->Start(), key, nil_elems, vs});
      }
    } else if (const CallExpr* call = n->DynAs<CallExpr>()) {
      // init(&x), a function of the module handed x's address, may fill
      // it; a decoder (encoding/json, ...) fills values but leaves absent
      // maps nil, so only the module's own functions count.
      for (const sema::CallEdge* e : facts_.CallsAt(call)) {
        if (facts_.FuncFile(e->callee) == nullptr) continue;
        for (const Node* arg : call->args) {
          const UnaryExpr* u = StripParens(arg)->DynAs<UnaryExpr>();
          if (u == nullptr || u->op != Token::kAnd) continue;
          std::string key = PathKey(u->x);
          if (!key.empty()) events->push_back({call->Start(), key + "*", false, call});
        }
      }
      // x.init(): a method assigning fields of its receiver initialises
      // them; x.isDir(), a predicate comparing them with nil, checks them.
      const SelectorExpr* se = StripParens(call->fun)->DynAs<SelectorExpr>();
      if (se == nullptr) return true;
      auto sel = pkg_->info.selections.find(se);
      if (sel == pkg_->info.selections.end() || sel->second.is_field) return true;
      const Node* decl = sema::Facts::DeclOf(sel->second.obj);
      std::string base = PathKey(se->x);
      if (base.empty()) return true;
      for (const auto* fields : {flow_->FieldsInitialisedBy(decl), flow_->FieldsCheckedBy(decl)}) {
        if (fields == nullptr) continue;
        for (const std::string& f : *fields) {
          events->push_back({call->Start(), base + "." + f, false, call});
        }
      }
    }
    return true;
  });
  std::stable_sort(events->begin(), events->end(),
                   [](const Event& a, const Event& b) { return a.pos < b.pos; });
}

// Whether `key` (or a prefix path handed out by &x) was assigned or
// checked before `pos`.
bool MapPaths::GuardedBefore(const std::vector<Event>& events, const std::string& key, Pos pos) {
  for (const Event& e : events) {
    if (e.pos >= pos) break;
    if (e.key == key) return true;
    if (!e.key.empty() && e.key.back() == '*' &&
        key.compare(0, e.key.size() - 1, e.key, 0, e.key.size() - 1) == 0) {
      return true;
    }
  }
  return false;
}

// The index expressions m[k] that a condition, known to be `truth`,
// shows to hold a non-zero value: `m[k]` (a bool), `m[k] > 0`,
// `m[k] != 0`, `m[k] == "x"`. Their maps are not nil, and m[k] itself is
// not nil when it is a map.
void MapPaths::ImpliedEntries(const Node* cond, bool truth,
                              std::vector<const IndexExpr*>* out) const {
  cond = StripParens(cond);
  if (const UnaryExpr* u = cond->DynAs<UnaryExpr>(); u != nullptr && u->op == Token::kNot) {
    ImpliedEntries(u->x, !truth, out);
    return;
  }
  if (const IndexExpr* ix = cond->DynAs<IndexExpr>()) {
    if (truth) out->push_back(ix);
    return;
  }
  const BinaryExpr* b = cond->DynAs<BinaryExpr>();
  if (b == nullptr) return;
  if ((b->op == Token::kLAnd && truth) || (b->op == Token::kLOr && !truth)) {
    ImpliedEntries(b->x, truth, out);
    ImpliedEntries(b->y, truth, out);
    return;
  }
  const IndexExpr* ix = StripParens(b->x)->DynAs<IndexExpr>();
  const Node* other = b->y;
  if (ix == nullptr) {
    ix = StripParens(b->y)->DynAs<IndexExpr>();
    other = b->x;
  }
  if (ix == nullptr) return;
  const BasicLit* lit = StripParens(other)->DynAs<BasicLit>();
  const bool zero_lit =
      lit != nullptr && (lit->value == "0" || lit->value == "\"\"" || lit->value == "``");
  const bool nonzero_lit = lit != nullptr && !zero_lit;
  bool implied = false;
  switch (b->op) {
    case Token::kGtr:
    case Token::kLss:
      implied = truth && zero_lit;  // m[k] > 0, 0 < m[k]
      break;
    case Token::kNeq:
      implied = truth ? zero_lit || IsNilIdent(other) : nonzero_lit;
      break;
    case Token::kEql:
      implied = truth ? nonzero_lit : zero_lit || IsNilIdent(other);
      break;
    default:
      break;
  }
  if (implied) out->push_back(ix);
}

}  // namespace mw::lint
