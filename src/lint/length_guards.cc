#include "lint/length_guards.h"

#include <algorithm>

#include "lint/map_paths.h"
#include "syntax/walk.h"

namespace mw::lint {

using sema::Object;
using syntax::IndexExpr;
using syntax::Node;
using syntax::Token;

namespace {

bool Contains(const Node* outer, const Node* inner) {
  return outer->Start() <= inner->Start() && inner->End() <= outer->End();
}

bool IsLiteral(const Node* e, std::string_view text) {
  const syntax::BasicLit* lit = StripParens(e)->DynAs<syntax::BasicLit>();
  return lit != nullptr && lit->value == text;
}

Token Mirror(Token op) {
  switch (op) {
    case Token::kLss:
      return Token::kGtr;
    case Token::kLeq:
      return Token::kGeq;
    case Token::kGtr:
      return Token::kLss;
    case Token::kGeq:
      return Token::kLeq;
    default:
      return op;
  }
}

}  // namespace

LengthGuards::LengthGuards(const sema::Package* pkg, const syntax::BlockStmt* body)
    : pkg_(pkg), body_(body) {}

// Most writes asked about sit under no length condition and no range: the
// function's assignments are indexed only when one is there to read.
void LengthGuards::Index() const {
  if (indexed_) return;
  indexed_ = true;
  auto record = [&](const Node* lhs, const Node* value, const Node* stmt, bool readable) {
    const syntax::Ident* id = lhs != nullptr ? StripParens(lhs)->DynAs<syntax::Ident>() : nullptr;
    if (id == nullptr) return;
    if (const Object* o = MapPaths::UseOf(pkg_, id))
      assignments_[o].push_back({value, stmt, readable});
  };
  Inspect(body_, [&](const Node* n) {
    if (const syntax::FuncLit* f = n->DynAs<syntax::FuncLit>()) closures_.push_back(f);
    if (const syntax::RangeStmt* r = n->DynAs<syntax::RangeStmt>()) {
      ranges_.push_back(r);
      record(r->key, nullptr, r, false);
      record(r->value, nullptr, r, false);
    } else if (const syntax::AssignStmt* a = n->DynAs<syntax::AssignStmt>()) {
      const bool plain = a->tok == Token::kAssign || a->tok == Token::kDefine;
      const bool comma_ok = a->lhs.size == 2 && a->rhs.size == 1 && EntryRead(a->rhs[0]);
      for (size_t i = 0; i < a->lhs.size; ++i) {
        if (plain && a->lhs.size == a->rhs.size) {
          record(a->lhs[i], a->rhs[i], a, true);
        } else if (plain && comma_ok && i == 0) {
          record(a->lhs[i], a->rhs[0], a, true);
        } else {
          record(a->lhs[i], nullptr, a, false);
        }
      }
    } else if (const syntax::ValueSpec* vs = n->DynAs<syntax::ValueSpec>()) {
      for (size_t i = 0; i < vs->names.size; ++i) {
        if (vs->values.empty()) {
          record(vs->names[i], nullptr, vs, true);
        } else {
          const bool single = vs->values.size == vs->names.size;
          record(vs->names[i], single ? vs->values[i] : nullptr, vs, single);
        }
      }
    } else if (const syntax::IncDecStmt* inc = n->DynAs<syntax::IncDecStmt>()) {
      record(inc->x, nullptr, inc, false);
    } else if (const syntax::UnaryExpr* u = n->DynAs<syntax::UnaryExpr>()) {
      if (u->op == Token::kAnd) record(u->x, nullptr, u, false);
    }
    return true;
  });
}

bool LengthGuards::AssignedOnlyWhereDeclared(const Object* var) const {
  Index();
  auto it = assignments_.find(var);
  return it != assignments_.end() && it->second.size() == 1 && it->second[0].readable &&
         var->pos >= body_->Start() && var->pos < body_->End();
}

bool LengthGuards::EntryRead(const Node* e) const {
  const IndexExpr* ix = StripParens(e)->DynAs<IndexExpr>();
  if (ix == nullptr) return false;
  auto tv = pkg_->info.types.find(ix->x);
  return tv != pkg_->info.types.end() && IsMapType(tv->second.type);
}

std::vector<const IndexExpr*> LengthGuards::EntriesShownAt(const Node* node) const {
  // `node` is in the function's own statements, never in a closure's.
  const std::vector<const Node*> path = syntax::PathTo(body_, node);
  std::vector<const IndexExpr*> out;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    // The body of a range over an entry runs only when it is not empty.
    if (const syntax::RangeStmt* r = path[i]->DynAs<syntax::RangeStmt>();
        r != nullptr && path[i + 1] == r->body) {
      if (EntryRead(r->x)) {
        out.push_back(StripParens(r->x)->As<IndexExpr>());
      } else if (StripParens(r->x)->Is<syntax::Ident>()) {
        SourceEntries(MapPaths::UseOf(pkg_, r->x), 0, &out);
      }
      continue;
    }
    const syntax::IfStmt* s = path[i]->DynAs<syntax::IfStmt>();
    if (s == nullptr) continue;
    if (path[i + 1] == s->body) Implied(s->cond, true, &out);
    if (s->else_stmt != nullptr && path[i + 1] == s->else_stmt) Implied(s->cond, false, &out);
  }
  return out;
}

void LengthGuards::Implied(const Node* cond, bool truth, std::vector<const IndexExpr*>* out) const {
  cond = StripParens(cond);
  if (const syntax::UnaryExpr* u = cond->DynAs<syntax::UnaryExpr>();
      u != nullptr && u->op == Token::kNot) {
    Implied(u->x, !truth, out);
    return;
  }
  const syntax::BinaryExpr* b = cond->DynAs<syntax::BinaryExpr>();
  if (b == nullptr) return;
  if ((b->op == Token::kLAnd && truth) || (b->op == Token::kLOr && !truth)) {
    Implied(b->x, truth, out);
    Implied(b->y, truth, out);
    return;
  }
  // The length on the left: 0 < len(x) is len(x) > 0.
  const Node* length = b->x;
  const Node* bound = b->y;
  Token op = b->op;
  if (StripParens(b->x)->Is<syntax::BasicLit>()) {
    length = b->y, bound = b->x, op = Mirror(op);
  }
  const bool zero = IsLiteral(bound, "0"), one = IsLiteral(bound, "1");
  // Whether the length is shown positive, and whether only an exact length
  // shows it (len(x) - 1 != 0 does not).
  bool positive = false, needs_exact = false;
  if (truth) {
    positive = (op == Token::kGtr && zero) || (op == Token::kGeq && one);
    if (op == Token::kNeq && zero) positive = needs_exact = true;
  } else {
    positive = (op == Token::kLeq && zero) || (op == Token::kLss && one);
    if (op == Token::kEql && zero) positive = needs_exact = true;
  }
  if (!positive) return;
  bool exact = false;
  const Object* x = LengthOf(length, &exact);
  if (x == nullptr || (needs_exact && !exact)) return;
  SourceEntries(x, 0, out);
}

const Object* LengthGuards::LengthOf(const Node* e, bool* exact) const {
  e = StripParens(e);
  if (MapPaths::IsBuiltinCall(pkg_, e, "len")) {
    const syntax::CallExpr* c = e->As<syntax::CallExpr>();
    if (c->args.size != 1 || !StripParens(c->args[0])->Is<syntax::Ident>()) return nullptr;
    *exact = true;
    return MapPaths::UseOf(pkg_, c->args[0]);
  }
  if (!e->Is<syntax::Ident>()) return nullptr;
  // n := len(x), or n := len(x) - c: defined once in this function.
  const Object* n = MapPaths::UseOf(pkg_, e);
  Index();
  auto it = n != nullptr ? assignments_.find(n) : assignments_.end();
  if (it == assignments_.end() || it->second.size() != 1 || n->pos < body_->Start() ||
      n->pos >= body_->End()) {
    return nullptr;
  }
  const Assignment& a = it->second[0];
  if (!a.readable || a.value == nullptr) return nullptr;
  const Node* v = StripParens(a.value);
  if (const syntax::BinaryExpr* sub = v->DynAs<syntax::BinaryExpr>();
      sub != nullptr && sub->op == Token::kSub) {
    const syntax::BasicLit* c = StripParens(sub->y)->DynAs<syntax::BasicLit>();
    if (c == nullptr || c->kind != Token::kInt) return nullptr;
    bool ignored = false;
    const Object* x = MapPaths::IsBuiltinCall(pkg_, StripParens(sub->x), "len")
                          ? LengthOf(sub->x, &ignored)
                          : nullptr;
    *exact = false;
    return x;
  }
  return MapPaths::IsBuiltinCall(pkg_, v, "len") ? LengthOf(v, exact) : nullptr;
}

bool LengthGuards::SourceEntries(const Object* x, int depth,
                                 std::vector<const IndexExpr*>* out) const {
  if (x == nullptr || depth > 3 || x->type == nullptr || x->pos < body_->Start() ||
      x->pos >= body_->End()) {
    return false;
  }
  const sema::Type* u = x->type->Underlying();
  if (u->kind != sema::TypeKind::kSlice &&
      !(u->kind == sema::TypeKind::kBasic && u->basic == sema::BasicKind::kString)) {
    return false;
  }
  Index();
  auto it = assignments_.find(x);
  if (it == assignments_.end()) return false;
  std::vector<const IndexExpr*> found;
  for (const Assignment& a : it->second) {
    if (!a.readable) return false;
    for (const syntax::FuncLit* f : closures_) {
      if (Contains(f, a.stmt)) return false;  // may run at any time
    }
    if (a.value == nullptr) continue;  // declared without a value: empty
    const Node* v = StripParens(a.value);
    if (MapPaths::IsNil(pkg_, v) || IsLiteral(v, "\"\"") || IsLiteral(v, "``")) continue;
    if (EntryRead(v)) {
      found.push_back(v->As<IndexExpr>());
      continue;
    }
    if (const syntax::CompositeLit* lit = v->DynAs<syntax::CompositeLit>()) {
      if (lit->elts.empty()) continue;
      return false;
    }
    if (MapPaths::IsBuiltinCall(pkg_, v, "make")) {
      const syntax::CallExpr* c = v->As<syntax::CallExpr>();
      if (c->args.size >= 2 && IsLiteral(c->args[1], "0")) continue;
      return false;
    }
    if (!MapPaths::IsBuiltinCall(pkg_, v, "append")) return false;
    // x = append(x, ...) inside a range over entries, or over a variable
    // whose contents come from them: it grows only if they are not empty.
    const syntax::CallExpr* c = v->As<syntax::CallExpr>();
    if (c->args.empty() || MapPaths::UseOf(pkg_, c->args[0]) != x) return false;
    bool in_range = false;
    for (const syntax::RangeStmt* r : ranges_) {
      if (!Contains(r->body, a.stmt)) continue;
      if (EntryRead(r->x)) {
        found.push_back(StripParens(r->x)->As<IndexExpr>());
        in_range = true;
      } else if (const Object* y = MapPaths::UseOf(pkg_, r->x); y != nullptr && y != x) {
        std::vector<const IndexExpr*> from_y;
        if (SourceEntries(y, depth + 1, &from_y)) {
          found.insert(found.end(), from_y.begin(), from_y.end());
          in_range = true;
        }
      }
      if (in_range) break;
    }
    if (!in_range) return false;
  }
  if (found.empty()) return false;
  out->insert(out->end(), found.begin(), found.end());
  return true;
}

}  // namespace mw::lint
