#include "lint/map_flow.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_set>

#include "base/parallel.h"
#include "lint/length_guards.h"
#include "lint/map_companions.h"
#include "lint/map_flow_prepare.h"
#include "lint/map_paths.h"
#include "syntax/parser.h"
#include "syntax/walk.h"

namespace mw::lint {

using namespace syntax;  // NOLINT: this file walks the syntax tree throughout
using sema::Object;
using sema::ObjectKind;
using sema::Type;
using sema::TypeKind;

namespace {

struct VarState {
  Nilness state = Nilness::kNonNil;
  NilOrigin origin = NilOrigin::kDeclared;
  const Node* node = nullptr;
  const Node* callee = nullptr;
  // Made under `if cond` on a bool that never changes: not nil wherever
  // `cond` is again `made_if_truth` (`if debug { m = make(...) }` ...
  // `if debug { m[k] = v }`).
  const Object* made_if = nullptr;
  bool made_if_truth = true;
};
using State = std::unordered_map<const Object*, VarState>;

// Joins the states of two paths that meet: a variable nil on one and made
// on the other is maybe nil; one the flow lost track of on either side is
// forgotten.
State Join(const State& a, const State& b) {
  State out;
  for (const auto& [v, sa] : a) {
    auto it = b.find(v);
    if (it == b.end()) continue;
    const VarState& sb = it->second;
    VarState j = sa;
    if (sa.state != sb.state) {
      j.state = Nilness::kMaybe;
      if (sa.state == Nilness::kNonNil) j = sb, j.state = Nilness::kMaybe;
    }
    // A side where the map is made keeps any condition the other has.
    if (sa.state == Nilness::kNonNil) {
      j.made_if = sb.made_if, j.made_if_truth = sb.made_if_truth;
    } else if (sb.state == Nilness::kNonNil) {
      j.made_if = sa.made_if, j.made_if_truth = sa.made_if_truth;
    } else if (sa.made_if != sb.made_if || sa.made_if_truth != sb.made_if_truth) {
      j.made_if = nullptr;
    }
    out[v] = j;
  }
  return out;
}

}  // namespace

class FlowBuilder : public MapPaths {
 public:
  FlowBuilder(sema::Program* program, const std::vector<const sema::Package*>& packages,
              const sema::Facts& facts, MapFlow* out)
      : MapPaths(facts, out), packages_(packages), out_(out) {
    (void)program;  // the facts carry what the flow needs of the program
  }

  // Runs the flow of each file's functions on worker threads (each on its
  // own copy of the prepared builder) and gathers their results in file
  // order.
  void Run(PreparedFlow prepared) {
    nil_package_vars_ = std::move(prepared.nil_package_vars);
    assigned_anywhere_ = std::move(prepared.assigned_anywhere);
    param_writes_ = std::move(prepared.param_writes);
    out_->init_fields_ = std::move(prepared.init_fields);
    out_->checked_fields_ = std::move(prepared.checked_fields);
    std::vector<std::pair<const sema::Package*, const ParsedFile*>> units;
    for (const sema::Package* p : packages_) {
      for (const ParsedFile* pf : p->files) {
        if (pf->file != nullptr) units.emplace_back(p, pf);
      }
    }
    std::vector<size_t> unit_bytes(units.size());
    for (size_t i = 0; i < units.size(); ++i) unit_bytes[i] = units[i].second->source->size();
    const std::vector<size_t> unit_order = LargestFirst(unit_bytes);
    std::vector<Results> results(units.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
      FlowBuilder worker(*this);
      for (size_t k; (k = next.fetch_add(1)) < unit_order.size();) {
        const size_t i = unit_order[k];
        worker.RunFile(units[i].first, units[i].second, &results[i]);
      }
    };
    RunOnLargeStacks(std::min<int>(WorkerCount(), static_cast<int>(units.size())), work);
    for (Results& r : results) {
      for (MapWrite& w : r.writes) out_->writes_.push_back(std::move(w));
      for (NilArgument& a : r.nil_args) out_->nil_args_.push_back(std::move(a));
    }
  }

 private:
  struct Results {
    std::vector<MapWrite> writes;
    std::vector<NilArgument> nil_args;
  };

  void RunFile(const sema::Package* p, const ParsedFile* pf, Results* results) {
    results_ = results;
    pkg_ = p;
    file_ = pf;
    for (const Node* d : pf->file->decls) {
      if (const FuncDecl* fd = d->DynAs<FuncDecl>(); fd != nullptr && fd->body != nullptr) {
        Function(fd, fd->body);
      }
      // Function literals in package-level initializers.
      if (d->Is<GenDecl>()) {
        Inspect(d, [&](const Node* n) {
          if (const FuncLit* fl = n->DynAs<FuncLit>()) {
            Function(fl, fl->body);
            return false;
          }
          return true;
        });
      }
    }
  }

  // --- The flow over statements -------------------------------------------

  void Function(const Node* func, const BlockStmt* body) {
    // Nested function literals are functions of their own.
    std::vector<const FuncLit*> lits;
    if (MayRecord(func, &lits)) Flow(func, body);
    const Node* saved = func_;
    for (const FuncLit* fl : lits) Function(fl, fl->body);
    func_ = saved;
  }

  // Whether the flow of `func`'s body (its function literals aside, which
  // it appends to `lits`) can record anything: only a write m[k] = v or
  // m[k]++ and a call to a function that writes a parameter do. Most
  // bodies have neither, and their flow is skipped. The facts know both,
  // and the literals each function defines, in source order.
  bool MayRecord(const Node* func, std::vector<const FuncLit*>* lits) const {
    bool may = facts_.WritesIndex(func);
    for (const sema::CallEdge* e : facts_.CallsFrom(func)) {
      if (e->kind == sema::CallKind::kDefines) {
        lits->push_back(e->callee->As<FuncLit>());
      } else if (!may && param_writes_.count(e->callee) != 0) {
        const CallExpr* call = e->site->DynAs<CallExpr>();
        may = call != nullptr && call->args.size != 0;
      }
    }
    return may;
  }

  void Flow(const Node* func, const BlockStmt* body) {
    func_ = func;
    body_ = body;
    made_with_found_ = false;
    length_guards_.reset();
    events_.clear();
    CollectEvents(body, &events_);
    // Variables a closure assigns, or whose address is taken, are not
    // tracked: their state depends on when the closure runs.
    untracked_.clear();
    Inspect(body, [&](const Node* n) {
      if (const FuncLit* fl = n->DynAs<FuncLit>()) {
        Inspect(fl->body, [&](const Node* m) {
          if (const AssignStmt* a = m->DynAs<AssignStmt>()) {
            for (const Node* l : a->lhs) {
              if (Object* o = UseOf(pkg_, l)) untracked_.insert(o);
            }
          }
          return true;
        });
        return false;
      }
      if (const UnaryExpr* u = n->DynAs<UnaryExpr>(); u != nullptr && u->op == Token::kAnd) {
        if (Object* o = UseOf(pkg_, u->x)) untracked_.insert(o);
      }
      return true;
    });
    CollectStableBools(func, body);
    State s;
    for (const auto& [o, vs] : nil_package_vars_) {
      if (assigned_anywhere_.count(o) == 0) s[o] = {Nilness::kNil, NilOrigin::kPackageVar, vs};
    }
    reporting_ = true;
    Block(body->list, &s);
  }

  // The bool variables and parameters of this function that keep their
  // first value: declared here, assigned at most once (their definition),
  // never through a closure or a pointer.
  void CollectStableBools(const Node* func, const BlockStmt* body) {
    stable_bools_.clear();
    std::unordered_map<const Object*, int> assignments;
    auto count = [&](const Node* lhs) {
      if (Object* o = UseOf(pkg_, lhs)) ++assignments[o];
    };
    Inspect(body, [&](const Node* n) {
      if (n->Is<FuncLit>()) return false;
      if (const AssignStmt* a = n->DynAs<AssignStmt>()) {
        for (const Node* l : a->lhs) count(l);
      } else if (const syntax::ValueSpec* vs = n->DynAs<syntax::ValueSpec>()) {
        for (const Node* name : vs->names) count(name);
      } else if (const RangeStmt* r = n->DynAs<RangeStmt>()) {
        if (r->key != nullptr) count(r->key);
        if (r->value != nullptr) count(r->value);
      }
      return true;
    });
    // Locals may be assigned once (their definition), parameters never.
    auto add_if_stable = [&](const Object* o, int max_assignments) {
      auto it = assignments.find(o);
      const int n = it == assignments.end() ? 0 : it->second;
      if (o != nullptr && o->kind == ObjectKind::kVar && o->type != nullptr &&
          o->type->Underlying()->kind == TypeKind::kBasic &&
          o->type->Underlying()->basic == sema::BasicKind::kBool && n <= max_assignments &&
          untracked_.count(o) == 0 && func->Start() <= o->pos && o->pos < func->End()) {
        stable_bools_.insert(o);
      }
    };
    for (const auto& [o, n] : assignments) {
      if (o->pos >= body->Start()) add_if_stable(o, 1);
    }
    const FuncType* ft =
        func->Is<FuncDecl>() ? func->As<FuncDecl>()->type : func->As<FuncLit>()->type;
    if (ft->params != nullptr) {
      for (const Field* f : ft->params->list) {
        for (const Ident* id : f->names) add_if_stable(UseOf(pkg_, id), 0);
      }
    }
  }

  // The stable bool a condition tests, and the value it tests for: `c`
  // or `!c`.
  const Object* StableCondition(const Node* cond, bool* truth) const {
    cond = StripParens(cond);
    *truth = true;
    while (const UnaryExpr* u = cond->DynAs<UnaryExpr>()) {
      if (u->op != Token::kNot) return nullptr;
      *truth = !*truth;
      cond = StripParens(u->x);
    }
    if (!cond->Is<Ident>()) return nullptr;
    const Object* o = UseOf(pkg_, cond);
    return o != nullptr && stable_bools_.count(o) != 0 ? o : nullptr;
  }

  // Returns whether the path through `list` ends (return, panic, branch).
  bool Block(const List<Node>& list, State* s) {
    for (const Node* st : list) {
      if (Stmt(st, s)) return true;
    }
    return false;
  }

  // The state a value gives a map variable it is assigned to.
  VarState ValueState(const Node* value, const State& s) {
    value = StripParens(value);
    if (IsNilIdent(value)) return {Nilness::kNil, NilOrigin::kAssignedNil, value};
    if (const Ident* id = value->DynAs<Ident>()) {
      auto it = s.find(UseOf(pkg_, id));
      if (it != s.end()) return it->second;
    }
    if (const CallExpr* call = value->DynAs<CallExpr>()) {
      for (const sema::CallEdge* e : facts_.CallsAt(call)) {
        if (facts_.MayReturnNilMap(e->callee)) {
          return {Nilness::kMaybe, NilOrigin::kCall, call, e->callee};
        }
      }
    }
    return {Nilness::kNonNil, NilOrigin::kDeclared, value};
  }

  // Whether a map that `o` is made together with (see map_companions.h)
  // is made in `s`. Found on first need: most functions never ask.
  bool CompanionMade(const Object* o, const State& s) {
    if (!made_with_found_) {
      made_with_ = FindMapsMadeTogether(pkg_, body_, untracked_);
      made_with_found_ = true;
    }
    auto it = made_with_.find(o);
    if (it == made_with_.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](const Object* a) {
      auto st = s.find(a);
      return st != s.end() && st->second.state == Nilness::kNonNil;
    });
  }

  // Whether the write `ix` lies in a branch that runs only when an entry of
  // the map `m` (a variable, or the path of an inner map or field) read
  // earlier was not empty (see length_guards.h), and `m` has not been
  // given another value since. Found on first need, like the companions.
  bool LengthGuarded(const Node* m, const IndexExpr* ix) {
    if (!length_guards_) length_guards_.emplace(pkg_, body_);
    if (const Object* o = UseOf(pkg_, m)) {
      for (const IndexExpr* e : length_guards_->EntriesShownAt(ix)) {
        if (UseOf(pkg_, e->x) == o) return length_guards_->AssignedOnlyWhereDeclared(o);
      }
      return false;
    }
    // A path: nothing on the way to it (x, x.f for x.f[a]) assigned or
    // checked in the function.
    const std::string key = PathKey(m);
    if (key.empty()) return false;
    for (const Event& e : events_) {
      if (e.key.size() < key.size() && key.compare(0, e.key.size(), e.key) == 0 &&
          (key[e.key.size()] == '.' || key[e.key.size()] == '[')) {
        return false;
      }
    }
    // An entry not empty: its map is not nil, nor the entry itself when it
    // is a map (ranged over).
    for (const IndexExpr* e : length_guards_->EntriesShownAt(ix)) {
      if (PathKey(e->x) == key || PathKey(e) == key) return true;
    }
    return false;
  }

  bool Tracked(const Object* o) const {
    return o != nullptr && o->kind == ObjectKind::kVar && IsMapType(o->type) &&
           untracked_.count(o) == 0;
  }

  void Assign(const Node* lhs, const VarState& v, State* s) {
    Object* o = UseOf(pkg_, lhs);
    if (!Tracked(o)) return;
    (*s)[o] = v;
  }

  void Write(const Node* stmt, const Node* target, const State& s) {
    const IndexExpr* ix = StripParens(target)->DynAs<IndexExpr>();
    if (ix == nullptr || !reporting_ || reported_.count(ix) != 0) return;
    auto tv = pkg_->info.types.find(ix->x);
    if (tv == pkg_->info.types.end() || !IsMapType(tv->second.type)) return;
    reported_.insert(ix);
    MapWrite w;
    w.pkg = pkg_;
    w.file = file_;
    w.func = func_;
    w.stmt = stmt;
    w.target = ix;
    w.map_expr = StripParens(ix->x);
    const Node* m = StripParens(ix->x);
    if (const StarExpr* st = m->DynAs<StarExpr>()) m = StripParens(st->x);
    if (m->Is<Ident>() ||
        (m->Is<SelectorExpr>() && pkg_->info.selections.find(m) == pkg_->info.selections.end())) {
      w.kind = WriteTarget::kVar;
      Object* o = UseOf(pkg_, m->Is<SelectorExpr>() ? m->As<SelectorExpr>()->sel : m);
      w.var = o;
      auto it = s.find(o);
      if (it != s.end()) {
        w.known = true;
        w.state = it->second.state;
        if (w.state != Nilness::kNonNil && (CompanionMade(o, s) || LengthGuarded(m, ix))) {
          w.state = Nilness::kNonNil;
        }
        w.origin = it->second.origin;
        w.origin_node = it->second.node;
        w.origin_callee = it->second.callee;
        w.origin_file = file_;
        if (w.origin == NilOrigin::kPackageVar && o != nullptr && o->pkg != nullptr) {
          w.origin_file = FileOf(o->pkg, it->second.node);
        }
      }
    } else if (const SelectorExpr* se = m->DynAs<SelectorExpr>()) {
      auto sel = pkg_->info.selections.find(se);
      if (sel != pkg_->info.selections.end() && sel->second.is_field) {
        w.kind = WriteTarget::kField;
        w.field = &sel->second;
        w.base = se->x;
        w.guarded = GuardedBefore(events_, PathKey(se), ix->Start()) || LengthGuarded(se, ix);
      }
    } else if (const IndexExpr* outer = m->DynAs<IndexExpr>()) {
      auto otv = pkg_->info.types.find(outer->x);
      const Type* ot = otv != pkg_->info.types.end() ? otv->second.type : nullptr;
      if (IsMapType(ot)) {
        w.kind = WriteTarget::kInner;
        w.base = outer->x;
        w.guarded = GuardedBefore(events_, PathKey(outer), ix->Start()) || LengthGuarded(outer, ix);
      } else if (ot != nullptr) {
        w.kind = WriteTarget::kElement;
        w.base = outer->x;
        const std::string key = PathKey(outer->x);
        // The last event on the slice itself, and whether an element was
        // assigned after it.
        for (const Event& e : events_) {
          if (e.pos >= ix->Start()) break;
          if (e.key == key) w.nil_elements = e.nil_elements ? e.node : nullptr;
          if (e.key == key + "[]" || (e.key == key + "*")) w.nil_elements = nullptr;
        }
      }
    } else if (const CallExpr* call = m->DynAs<CallExpr>()) {
      w.kind = WriteTarget::kCall;
      for (const sema::CallEdge* e : facts_.CallsAt(call)) {
        if (facts_.MayReturnNilMap(e->callee)) w.callee = e->callee;
      }
    }
    results_->writes.push_back(std::move(w));
  }

  const ParsedFile* FileOf(const sema::Package* pkg, const Node* n) const {
    for (const ParsedFile* pf : pkg->files) {
      if (pf->file == nullptr) continue;
      bool found = false;
      Inspect(pf->file, [&](const Node* x) {
        if (found) return false;
        if (x == n) found = true;
        return !found && (x->Start() <= n->Start() && n->Start() < x->End());
      });
      if (found) return pf;
    }
    return nullptr;
  }

  // Calls: nil maps handed to functions that write the parameter.
  void Call(const CallExpr* call, const State& s) {
    if (!reporting_) return;
    for (const sema::CallEdge* e : facts_.CallsAt(call)) {
      if (e->kind == sema::CallKind::kDefines) continue;
      auto pw = param_writes_.find(e->callee);
      if (pw == param_writes_.end()) continue;
      for (size_t i = 0; i < call->args.size; ++i) {
        auto w = pw->second.find(i);
        if (w == pw->second.end()) continue;
        Object* o = UseOf(pkg_, call->args[i]);
        auto it = s.find(o);
        if (it == s.end() || it->second.state == Nilness::kNonNil || CompanionMade(o, s)) continue;
        NilArgument a;
        a.pkg = pkg_;
        a.file = file_;
        a.call = call;
        a.arg = call->args[i];
        a.var = o;
        a.state = it->second.state;
        a.origin = it->second.origin;
        a.origin_node = it->second.node;
        a.callee = e->callee;
        a.callee_write = w->second.first;
        a.callee_file = w->second.second;
        results_->nil_args.push_back(a);
      }
    }
  }

  // Applies the calls and writes inside an expression statement's tree.
  void Expr(const Node* e, const State& s) {
    if (e == nullptr) return;
    Inspect(e, [&](const Node* n) {
      if (n->Is<FuncLit>()) return false;
      if (const CallExpr* c = n->DynAs<CallExpr>()) Call(c, s);
      return true;
    });
  }

  // Refines the state by a condition known to be `truth`.
  void Refine(const Node* cond, bool truth, State* s) {
    bool tests = true;
    if (const Object* c = StableCondition(cond, &tests)) {
      for (auto& [v, vs] : *s) {
        if (vs.made_if == c && vs.made_if_truth == (tests == truth)) vs.state = Nilness::kNonNil;
      }
      return;
    }
    std::vector<const IndexExpr*> entries;
    ImpliedEntries(cond, truth, &entries);
    for (const IndexExpr* ix : entries) {
      Object* o = UseOf(pkg_, ix->x);
      if (o != nullptr && s->count(o) != 0) (*s)[o].state = Nilness::kNonNil;
    }
    cond = StripParens(cond);
    if (const UnaryExpr* u = cond->DynAs<UnaryExpr>(); u != nullptr && u->op == Token::kNot) {
      Refine(u->x, !truth, s);
      return;
    }
    const BinaryExpr* b = cond->DynAs<BinaryExpr>();
    if (b == nullptr) return;
    if ((b->op == Token::kLAnd && truth) || (b->op == Token::kLOr && !truth)) {
      Refine(b->x, truth, s);
      Refine(b->y, truth, s);
      return;
    }
    if (b->op != Token::kEql && b->op != Token::kNeq) return;
    const Node* side = IsNilIdent(b->y) ? b->x : IsNilIdent(b->x) ? b->y : nullptr;
    Object* o = side != nullptr ? UseOf(pkg_, side) : nullptr;
    if (o == nullptr || o->kind != ObjectKind::kVar || !IsMapType(o->type) || untracked_.count(o)) {
      return;
    }
    const bool is_nil = (b->op == Token::kEql) == truth;
    if (is_nil) {
      auto it = s->find(o);
      VarState v{Nilness::kNil, NilOrigin::kNilBranch, cond};
      if (it != s->end() && it->second.state != Nilness::kNonNil)
        v = it->second, v.state = Nilness::kNil;
      (*s)[o] = v;
    } else {
      (*s)[o] = {Nilness::kNonNil, NilOrigin::kDeclared, cond};
    }
  }

  bool IsPanic(const Node* e) const {
    const CallExpr* c = StripParens(e)->DynAs<CallExpr>();
    if (c == nullptr) return false;
    if (IsBuiltinCall(pkg_, c, "panic")) return true;
    // log.Fatal*, os.Exit and t.Fatal* end the path too.
    if (const SelectorExpr* se = StripParens(c->fun)->DynAs<SelectorExpr>()) {
      std::string_view n = se->sel->name;
      return n == "Fatal" || n == "Fatalf" || n == "Fatalln" || n == "Exit" || n == "FailNow" ||
             n == "Skip" || n == "Skipf" || n == "SkipNow";
    }
    return false;
  }

  // A loop: the body runs from the entry state and from its own end state.
  void Loop(const std::function<bool(State*)>& body, State* s) {
    const bool saved = reporting_;
    reporting_ = false;
    State first = *s;
    const bool ends = body(&first);
    State entry = ends ? *s : Join(*s, first);
    reporting_ = saved;
    State second = entry;
    body(&second);
    *s = entry;
  }

  bool Stmt(const Node* st, State* s) {
    switch (st->kind) {
      case NodeKind::kDeclStmt: {
        const GenDecl* g = st->As<DeclStmt>()->decl->DynAs<GenDecl>();
        if (g == nullptr || g->tok != Token::kVar) return false;
        for (const Node* sp : g->specs) {
          const syntax::ValueSpec* vs = sp->As<syntax::ValueSpec>();
          for (const Node* v : vs->values) Expr(v, *s);
          for (size_t i = 0; i < vs->names.size; ++i) {
            Object* o = UseOf(pkg_, vs->names[i]);
            if (!Tracked(o)) continue;
            if (vs->values.empty()) {
              (*s)[o] = {Nilness::kNil, NilOrigin::kDeclared, vs};
            } else if (vs->values.size == vs->names.size) {
              VarState v = ValueState(vs->values[i], *s);
              if (v.state == Nilness::kNil && v.origin == NilOrigin::kAssignedNil) v.node = vs;
              (*s)[o] = v;
            } else {
              (*s)[o] = {Nilness::kNonNil, NilOrigin::kDeclared, vs};
            }
          }
        }
        return false;
      }
      case NodeKind::kAssignStmt: {
        const AssignStmt* a = st->As<AssignStmt>();
        for (const Node* r : a->rhs) Expr(r, *s);
        for (const Node* l : a->lhs) {
          if (StripParens(l)->Is<IndexExpr>()) {
            Expr(StripParens(l)->As<IndexExpr>()->x, *s);
            Write(a, l, *s);
          }
        }
        if (a->tok == Token::kDefine || a->tok == Token::kAssign) {
          for (size_t i = 0; i < a->lhs.size; ++i) {
            if (a->lhs.size == a->rhs.size) {
              Assign(a->lhs[i], ValueState(a->rhs[i], *s), s);
            } else {
              Assign(a->lhs[i], {Nilness::kNonNil, NilOrigin::kDeclared, a}, s);
            }
          }
        }
        // After a write, the path goes on only where the map was not nil.
        for (const Node* l : a->lhs) {
          if (const IndexExpr* ix = StripParens(l)->DynAs<IndexExpr>()) {
            if (Object* o = UseOf(pkg_, ix->x); o != nullptr && s->count(o)) {
              (*s)[o].state = Nilness::kNonNil;
            }
          }
        }
        return false;
      }
      case NodeKind::kIncDecStmt:
        Write(st, st->As<IncDecStmt>()->x, *s);
        return false;
      case NodeKind::kExprStmt:
        Expr(st->As<ExprStmt>()->x, *s);
        return IsPanic(st->As<ExprStmt>()->x);
      case NodeKind::kGoStmt:
        Expr(st->As<GoStmt>()->call, *s);
        return false;
      case NodeKind::kDeferStmt:
        Expr(st->As<DeferStmt>()->call, *s);
        return false;
      case NodeKind::kSendStmt:
        Expr(st->As<SendStmt>()->value, *s);
        return false;
      case NodeKind::kReturnStmt:
        for (const Node* r : st->As<ReturnStmt>()->results) Expr(r, *s);
        return true;
      case NodeKind::kBranchStmt:
        return true;
      case NodeKind::kLabeledStmt:
        return Stmt(st->As<LabeledStmt>()->stmt, s);
      case NodeKind::kBlockStmt:
        return Block(st->As<BlockStmt>()->list, s);
      case NodeKind::kIfStmt: {
        const IfStmt* i = st->As<IfStmt>();
        if (i->init != nullptr) Stmt(i->init, s);
        Expr(i->cond, *s);
        State then_state = *s, else_state = *s;
        Refine(i->cond, true, &then_state);
        Refine(i->cond, false, &else_state);
        const bool then_ends = Block(i->body->list, &then_state);
        const bool else_ends = i->else_stmt != nullptr && Stmt(i->else_stmt, &else_state);
        if (then_ends && else_ends) return true;
        *s = then_ends ? else_state : else_ends ? then_state : Join(then_state, else_state);
        // Made on one branch of a stable bool: made wherever it is tested
        // for that value again.
        bool truth = true;
        const Object* c = then_ends || else_ends ? nullptr : StableCondition(i->cond, &truth);
        if (c != nullptr) {
          for (auto& [v, vs] : *s) {
            const bool made_then = then_state.at(v).state == Nilness::kNonNil;
            const bool made_else = else_state.at(v).state == Nilness::kNonNil;
            if (made_then != made_else) vs.made_if = c, vs.made_if_truth = made_then == truth;
          }
        }
        return false;
      }
      case NodeKind::kForStmt: {
        const ForStmt* f = st->As<ForStmt>();
        if (f->init != nullptr) Stmt(f->init, s);
        Loop(
            [&](State* ls) {
              if (f->cond != nullptr) Refine(f->cond, true, ls);
              const bool ends = Block(f->body->list, ls);
              if (f->post != nullptr && !ends) Stmt(f->post, ls);
              return ends;
            },
            s);
        return false;
      }
      case NodeKind::kRangeStmt: {
        const RangeStmt* r = st->As<RangeStmt>();
        Expr(r->x, *s);
        Loop([&](State* ls) { return Block(r->body->list, ls); }, s);
        return false;
      }
      case NodeKind::kSwitchStmt:
      case NodeKind::kTypeSwitchStmt:
      case NodeKind::kSelectStmt: {
        const BlockStmt* body = nullptr;
        if (const SwitchStmt* sw = st->DynAs<SwitchStmt>()) {
          if (sw->init != nullptr) Stmt(sw->init, s);
          Expr(sw->tag, *s);
          body = sw->body;
        } else if (const TypeSwitchStmt* ts = st->DynAs<TypeSwitchStmt>()) {
          if (ts->init != nullptr) Stmt(ts->init, s);
          body = ts->body;
        } else {
          body = st->As<SelectStmt>()->body;
        }
        bool has_default = st->Is<SelectStmt>();  // a select runs one of its cases
        std::vector<State> ends;
        for (const Node* c : body->list) {
          State cs = *s;
          bool ended = false;
          if (const CaseClause* cc = c->DynAs<CaseClause>()) {
            if (cc->list.empty()) has_default = true;
            // case m == nil: refines like an if in a tagless switch.
            if (const SwitchStmt* sw = st->DynAs<SwitchStmt>();
                sw != nullptr && sw->tag == nullptr && cc->list.size == 1) {
              Refine(cc->list[0], true, &cs);
            }
            ended = Block(cc->body, &cs);
          } else if (const CommClause* cm = c->DynAs<CommClause>()) {
            if (cm->comm != nullptr) Stmt(cm->comm, &cs);
            ended = Block(cm->body, &cs);
          }
          if (!ended) ends.push_back(std::move(cs));
        }
        if (!has_default) ends.push_back(*s);
        if (ends.empty()) return true;
        State joined = ends[0];
        for (size_t i = 1; i < ends.size(); ++i) joined = Join(joined, ends[i]);
        *s = joined;
        return false;
      }
      default:
        return false;
    }
  }

  const std::vector<const sema::Package*>& packages_;
  MapFlow* out_;
  Results* results_ = nullptr;  // where the file being run reports
  const Node* func_ = nullptr;
  const BlockStmt* body_ = nullptr;
  bool made_with_found_ = false;
  MadeWith made_with_;
  std::optional<LengthGuards> length_guards_;
  bool reporting_ = true;
  std::vector<Event> events_;
  std::unordered_set<const Object*> untracked_;
  std::unordered_set<const Object*> stable_bools_;
  std::unordered_set<const Node*> reported_;
  std::unordered_map<const Object*, const Node*> nil_package_vars_;
  std::unordered_set<const Object*> assigned_anywhere_;
  // FuncDecl -> parameter index -> (a write of it, its file)
  std::unordered_map<const Node*,
                     std::unordered_map<size_t, std::pair<const Node*, const ParsedFile*>>>
      param_writes_;
};

MapFlow::MapFlow(sema::Program* program, const std::vector<const sema::Package*>& packages,
                 const sema::Facts& facts, PreparedFlow prepared) {
  FlowBuilder b(program, packages, facts, this);
  RunWithLargeStack([&] { b.Run(std::move(prepared)); });
}

const std::vector<std::string>* MapFlow::FieldsInitialisedBy(const syntax::Node* method) const {
  auto it = init_fields_.find(method);
  return it == init_fields_.end() ? nullptr : &it->second;
}

const std::vector<std::string>* MapFlow::FieldsCheckedBy(const syntax::Node* method) const {
  auto it = checked_fields_.find(method);
  return it == checked_fields_.end() ? nullptr : &it->second;
}

}  // namespace mw::lint
