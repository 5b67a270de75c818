#include "lint/map_companions.h"

#include "lint/map_paths.h"
#include "syntax/walk.h"

namespace mw::lint {

using sema::Object;
using sema::ObjectKind;
using syntax::AssignStmt;
using syntax::BlockStmt;
using syntax::CallExpr;
using syntax::DeclStmt;
using syntax::GenDecl;
using syntax::List;
using syntax::Node;
using syntax::Token;

namespace {

enum class Value : uint8_t { kNil, kMade, kOther };

// One assignment to a map variable.
struct Assignment {
  const Object* var = nullptr;
  const Node* stmt = nullptr;  // the AssignStmt or DeclStmt
  Value value = Value::kOther;
  bool declares = false;  // the variable's declaration (var, or := defining it)
};

// Where a statement sits: its list and index, for those directly in one.
struct Place {
  const List<Node>* list = nullptr;
  size_t index = 0;
};

class Finder {
 public:
  Finder(const sema::Package* pkg, const std::unordered_set<const Object*>& untracked)
      : pkg_(pkg), untracked_(untracked) {}

  MadeWith Find(const BlockStmt* body) {
    body_ = body;
    bool has_goto = false;
    Inspect(body, [&](const Node* n) {
      if (n->Is<syntax::FuncLit>()) return false;
      if (const syntax::BranchStmt* b = n->DynAs<syntax::BranchStmt>()) {
        has_goto |= b->tok == Token::kGoto;
      } else if (const BlockStmt* bl = n->DynAs<BlockStmt>()) {
        Index(bl->list);
      } else if (const syntax::CaseClause* cc = n->DynAs<syntax::CaseClause>()) {
        Index(cc->body);
      } else if (const syntax::CommClause* cm = n->DynAs<syntax::CommClause>()) {
        Index(cm->body);
      } else if (const AssignStmt* a = n->DynAs<AssignStmt>()) {
        Collect(a);
      } else if (const DeclStmt* d = n->DynAs<DeclStmt>()) {
        Collect(d);
      } else if (const syntax::RangeStmt* r = n->DynAs<syntax::RangeStmt>()) {
        for (const Node* e : {r->key, r->value}) {
          if (const Object* o = MapVar(e)) assignments_.push_back({o, r, Value::kOther, false});
        }
      }
      return true;
    });
    MadeWith out;
    if (has_goto) return out;
    std::unordered_map<const Object*, std::vector<const Assignment*>> by_var;
    for (const Assignment& a : assignments_) by_var[a.var].push_back(&a);
    for (const auto& [b, b_assignments] : by_var) {
      const Assignment* b_decl = nullptr;
      bool only_made = true;
      for (const Assignment* a : b_assignments) {
        if (a->declares) {
          b_decl = a;
          only_made &= a->value != Value::kOther;
        } else {
          only_made &= a->value == Value::kMade;
        }
      }
      if (b_decl == nullptr || !only_made) continue;
      for (const auto& [a, a_assignments] : by_var) {
        if (a != b && MadeWhenever(a_assignments, b, b_decl)) out[b].push_back(a);
      }
    }
    return out;
  }

 private:
  // A local map variable the flow tracks.
  const Object* MapVar(const Node* e) const {
    if (e == nullptr) return nullptr;
    const Object* o = MapPaths::UseOf(pkg_, e);
    if (o == nullptr || o->kind != ObjectKind::kVar || !IsMapType(o->type) ||
        untracked_.count(o) != 0 || o->pos < body_->Start() || o->pos >= body_->End()) {
      return nullptr;
    }
    return o;
  }

  Value ValueOf(const Node* e) const {
    e = StripParens(e);
    if (MapPaths::IsNil(pkg_, e)) return Value::kNil;
    if (e->Is<syntax::CompositeLit>()) return Value::kMade;
    return MapPaths::IsBuiltinCall(pkg_, e, "make") ? Value::kMade : Value::kOther;
  }

  void Index(const List<Node>& list) {
    for (size_t i = 0; i < list.size; ++i) places_[list[i]] = {&list, i};
  }

  void Collect(const AssignStmt* a) {
    for (size_t i = 0; i < a->lhs.size; ++i) {
      const Object* o = MapVar(a->lhs[i]);
      if (o == nullptr) continue;
      const Value v = a->lhs.size == a->rhs.size ? ValueOf(a->rhs[i]) : Value::kOther;
      const bool declares = a->tok == Token::kDefine && o->pos == StripParens(a->lhs[i])->Start();
      assignments_.push_back({o, a, v, declares});
    }
  }

  void Collect(const DeclStmt* d) {
    const GenDecl* g = d->decl->DynAs<GenDecl>();
    if (g == nullptr || g->tok != Token::kVar) return;
    for (const Node* sp : g->specs) {
      const syntax::ValueSpec* vs = sp->As<syntax::ValueSpec>();
      for (size_t i = 0; i < vs->names.size; ++i) {
        const Object* o = MapVar(vs->names[i]);
        if (o == nullptr) continue;
        Value v = Value::kNil;
        if (!vs->values.empty()) {
          v = vs->values.size == vs->names.size ? ValueOf(vs->values[i]) : Value::kOther;
        }
        assignments_.push_back({o, d, v, true});
      }
    }
  }

  // Whether `stmt` assigns `b` a made map.
  bool MakesB(const Node* stmt, const Object* b) const {
    for (const Assignment& x : assignments_) {
      if (x.stmt == stmt && x.var == b && x.value == Value::kMade) return true;
    }
    return false;
  }

  // Whether `stmt` writes an entry of `b`.
  bool WritesEntryOf(const Node* stmt, const Object* b) const {
    const AssignStmt* a = stmt->DynAs<AssignStmt>();
    if (a == nullptr) return false;
    for (const Node* l : a->lhs) {
      const syntax::IndexExpr* ix = StripParens(l)->DynAs<syntax::IndexExpr>();
      if (ix != nullptr && MapPaths::UseOf(pkg_, ix->x) == b) return true;
    }
    return false;
  }

  // An assignment of `a` that may make it non-nil, paired with one that
  // makes `b`: in the same statement, or nearby in the same list with only
  // assignments between.
  bool Paired(const Assignment& x, const Object* b) const {
    if (MakesB(x.stmt, b)) return true;
    auto p = places_.find(x.stmt);
    if (p == places_.end()) return false;
    const List<Node>& list = *p->second.list;
    for (int dir : {-1, 1}) {
      for (size_t j = p->second.index + dir; j < list.size; j += dir) {
        const Node* s = list[j];
        if (!s->Is<AssignStmt>() && !s->Is<DeclStmt>()) break;
        if (MakesB(s, b)) return true;
        if (WritesEntryOf(s, b)) break;
      }
    }
    return false;
  }

  bool MadeWhenever(const std::vector<const Assignment*>& a_assignments, const Object* b,
                    const Assignment* b_decl) const {
    const Assignment* a_decl = nullptr;
    for (const Assignment* x : a_assignments) {
      if (x->declares) a_decl = x;
      if (x->value != Value::kNil && !Paired(*x, b)) return false;
    }
    // Declared in one list, so that running either declaration again runs
    // both (a pairing needs b in scope, so a is not made before b exists).
    if (a_decl == nullptr) return false;
    auto pa = places_.find(a_decl->stmt), pb = places_.find(b_decl->stmt);
    return pa != places_.end() && pb != places_.end() && pa->second.list == pb->second.list;
  }

  const sema::Package* pkg_;
  const BlockStmt* body_ = nullptr;
  const std::unordered_set<const Object*>& untracked_;
  std::vector<Assignment> assignments_;
  std::unordered_map<const Node*, Place> places_;
};

}  // namespace

MadeWith FindMapsMadeTogether(const sema::Package* pkg, const BlockStmt* body,
                              const std::unordered_set<const Object*>& untracked) {
  return Finder(pkg, untracked).Find(body);
}

}  // namespace mw::lint
