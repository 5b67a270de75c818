#include "lint/value_flow.h"

#include <functional>
#include <set>
#include <tuple>

#include "lint/map_paths.h"
#include "syntax/walk.h"

namespace mw::lint {

using syntax::Node;

const std::unordered_set<const Node*>& Reachability::From(const Node* f) {
  auto it = memo_.find(f);
  if (it != memo_.end()) return it->second;
  std::unordered_set<const Node*> seen{f};
  std::vector<const Node*> work{f};
  while (!work.empty()) {
    const Node* g = work.back();
    work.pop_back();
    for (const sema::CallEdge* e : facts_.CallsFrom(g)) {
      if (e->kind == sema::CallKind::kInterface) continue;
      if (seen.insert(e->callee).second) work.push_back(e->callee);
    }
  }
  return memo_.emplace(f, std::move(seen)).first->second;
}

namespace {

// Pre-order walk of a function body with the chain of parents.
template <typename Fn>
void WalkWithParents(const Node* root, Fn&& fn) {
  std::vector<const Node*> parents;
  struct Visitor {
    Fn& fn;
    std::vector<const Node*>& parents;
    void operator()(const Node* n) {
      fn(n, parents);
      parents.push_back(n);
      syntax::ForEachChild(n, *this);
      parents.pop_back();
    }
  };
  if (root != nullptr) Visitor{fn, parents}(root);
}

}  // namespace

// One construction's forward trace: a work list of places the value may be
// in, each visited once (a list rather than recursion, so that a long chain
// of variables, fields and calls does not deepen the stack).
class ValueFlow::Tracer {
 public:
  Tracer(ValueFlow* vf, const sema::Type* type, ValueDestinations* out)
      : vf_(vf), type_(type), out_(out) {}

  void Seed(const Node* func, const Node* node, int result_index) {
    FuncPlace place = vf_->PlaceOf(func);
    if (place.pkg == nullptr) return;
    if (!seeds_.emplace(node, result_index).second) return;
    work_.push_back([this, place, node, result_index] {
      WalkWithParents(BodyOf(place.outer), [&](const Node* n, const std::vector<const Node*>& ps) {
        if (n == node) Consume(place, n, ps, result_index);
      });
    });
  }
  // A construction that is itself a statement: a bare return of a zero value.
  void SeedReturn(const Node* func, int index) { Return(func, index); }
  void SeedVar(const Node* func, const sema::Object* var) {
    Var(vf_->PlaceOf(func), var, nullptr, false);
  }
  // Follows the value until nothing new is found.
  void Run() {
    while (!work_.empty()) {
      std::function<void()> next = std::move(work_.back());
      work_.pop_back();
      next();
    }
  }

 private:
  void Record(const Node* e) { out_->exprs.insert(e); }
  void Escape(const Node* outer) { out_->escaped_in.insert(outer); }

  // What the expression `child` (under `parents`) does with the value.
  void Consume(const FuncPlace& at, const Node* child, const std::vector<const Node*>& parents,
               int result_index) {
    const sema::Package* pkg = at.pkg;
    const Node* c = child;
    Record(c);
    for (size_t i = parents.size(); i-- > 0;) {
      const Node* p = parents[i];
      if (p->Is<syntax::ParenExpr>() || p->Is<syntax::StarExpr>() ||
          (p->Is<syntax::UnaryExpr>() && p->As<syntax::UnaryExpr>()->op == syntax::Token::kAnd) ||
          (p->Is<syntax::TypeAssertExpr>() && p->As<syntax::TypeAssertExpr>()->x == c)) {
        c = p;
        Record(c);
        continue;
      }
      if (const syntax::SelectorExpr* se = p->DynAs<syntax::SelectorExpr>()) {
        if (se->sel == c) {  // pkg.V: a package-level variable by its qualified name
          c = p;
          Record(c);
          continue;
        }
        auto sel = pkg->info.selections.find(se);
        if (sel == pkg->info.selections.end() || sel->second.is_field) return;  // a field read
        const syntax::CallExpr* call = i > 0 ? parents[i - 1]->DynAs<syntax::CallExpr>() : nullptr;
        if (call != nullptr && call->fun == se) {
          Receiver(at, call);
        } else {
          Escape(at.outer);  // a method value keeps its receiver
        }
        return;
      }
      if (const syntax::CallExpr* call = p->DynAs<syntax::CallExpr>()) {
        if (call->fun == c) return;
        if (Argument(at, call, c)) {  // a conversion: the value goes on
          c = p;
          Record(c);
          continue;
        }
        return;
      }
      if (const syntax::ReturnStmt* r = p->DynAs<syntax::ReturnStmt>()) {
        const Node* func = at.outer;
        for (size_t j = i; j-- > 0;) {
          if (parents[j]->Is<syntax::FuncLit>()) {
            func = parents[j];
            break;
          }
        }
        for (size_t k = 0; k < r->results.size; ++k) {
          if (r->results[k] == c) Return(func, static_cast<int>(k));
        }
        return;
      }
      if (const syntax::AssignStmt* a = p->DynAs<syntax::AssignStmt>()) {
        for (size_t k = 0; k < a->lhs.size; ++k) {
          if (a->lhs[k] == c) return;  // assigned to: not a use of the value
        }
        for (size_t k = 0; k < a->rhs.size; ++k) {
          if (a->rhs[k] != c) continue;
          if (a->lhs.size == a->rhs.size) {
            Destination(at, a->lhs[k], a, parents, i);
          } else if (a->rhs.size == 1 && result_index >= 0 &&
                     static_cast<size_t>(result_index) < a->lhs.size) {
            Destination(at, a->lhs[result_index], a, parents, i);
          } else {
            Escape(at.outer);
          }
        }
        return;
      }
      if (const syntax::ValueSpec* vs = p->DynAs<syntax::ValueSpec>()) {
        for (size_t k = 0; k < vs->names.size; ++k) {
          const bool named = vs->names[k] == c;  // var x T: the declared zero value
          const bool valued =
              (vs->values.size == vs->names.size && vs->values[k] == c) ||
              (vs->values.size == 1 && vs->values[0] == c && static_cast<int>(k) == result_index);
          if (named || valued) Destination(at, vs->names[k], vs, parents, i);
        }
        return;
      }
      if (const syntax::KeyValueExpr* kv = p->DynAs<syntax::KeyValueExpr>()) {
        const syntax::CompositeLit* lit =
            i > 0 ? parents[i - 1]->DynAs<syntax::CompositeLit>() : nullptr;
        if (kv->value != c || lit == nullptr || !StructElement(at, lit, kv->key, -1)) {
          if (kv->value == c) Escape(at.outer);
        }
        return;
      }
      if (const syntax::CompositeLit* lit = p->DynAs<syntax::CompositeLit>()) {
        for (size_t k = 0; k < lit->elts.size; ++k) {
          if (lit->elts[k] == c && !StructElement(at, lit, nullptr, static_cast<int>(k))) {
            Escape(at.outer);
          }
        }
        return;
      }
      if (p->Is<syntax::IfStmt>() || p->Is<syntax::ExprStmt>() || p->Is<syntax::IncDecStmt>() ||
          p->Is<syntax::SwitchStmt>() || p->Is<syntax::TypeSwitchStmt>() ||
          p->Is<syntax::CaseClause>() || p->Is<syntax::RangeStmt>() ||
          p->Is<syntax::BinaryExpr>() || p->Is<syntax::IndexExpr>() ||
          p->Is<syntax::TypeAssertExpr>()) {
        return;  // read in place
      }
      Escape(at.outer);  // sent, stored through something this does not follow
      return;
    }
  }

  // The value is the receiver of a method call.
  void Receiver(const FuncPlace& at, const syntax::CallExpr* call) {
    for (const sema::CallEdge* e : vf_->facts_.CallsAt(call)) {
      const syntax::FuncDecl* fd = e->callee->DynAs<syntax::FuncDecl>();
      if (fd == nullptr || fd->recv == nullptr || fd->recv->list.empty()) continue;
      const syntax::Field* r = fd->recv->list[0];
      if (r->names.empty()) continue;
      FuncPlace place = vf_->PlaceOf(fd);
      if (place.pkg == nullptr) continue;
      const sema::Object* recv = MapPaths::UseOf(place.pkg, r->names[0]);
      if (recv == nullptr) continue;
      if (e->kind == sema::CallKind::kInterface) {
        // Only the implementation of the traced type can receive it.
        const sema::Type* t = recv->type;
        if (t != nullptr && t->kind == sema::TypeKind::kPointer) t = t->elem;
        if (t != type_) continue;
      }
      out_->entries[recv].push_back({call, at.pkg, fd});
      Var(place, recv, nullptr, false);
    }
  }

  // The value is argument `arg` of `call`. Returns true for a conversion,
  // whose result is the value again.
  bool Argument(const FuncPlace& at, const syntax::CallExpr* call, const Node* arg) {
    size_t index = 0;
    while (index < call->args.size && call->args[index] != arg) ++index;
    if (index == call->args.size) return false;
    const sema::CallEdges edges = vf_->facts_.CallsAt(call);
    if (edges.empty()) {
      auto tv = at.pkg->info.types.find(call->fun);
      if (tv != at.pkg->info.types.end()) {
        if (tv->second.mode == sema::Mode::kType) return true;
        if (tv->second.mode == sema::Mode::kBuiltin) {
          const Node* fun = StripParens(call->fun);
          if (fun->Is<syntax::Ident>() && fun->As<syntax::Ident>()->name == "append") {
            Escape(at.outer);
          }
          return false;
        }
      }
      // A function outside the checked packages is not followed (as the
      // call graph does not); a function value could be anything.
      const Node* fun = StripParens(call->fun);
      const sema::Object* o = nullptr;
      if (fun->Is<syntax::Ident>()) o = MapPaths::UseOf(at.pkg, fun);
      if (const syntax::SelectorExpr* se = fun->DynAs<syntax::SelectorExpr>()) {
        auto sel = at.pkg->info.selections.find(se);
        o = sel != at.pkg->info.selections.end() ? sel->second.obj
                                                 : MapPaths::UseOf(at.pkg, se->sel);
      }
      if (o == nullptr || o->kind != sema::ObjectKind::kFunc) Escape(at.outer);
      return false;
    }
    for (const sema::CallEdge* e : edges) {
      FuncPlace place = vf_->PlaceOf(e->callee);
      const syntax::FuncType* ft = TypeOfFunc(e->callee);
      if (place.pkg == nullptr || ft == nullptr || ft->params == nullptr) continue;
      size_t k = 0;
      bool found = false;
      for (const syntax::Field* f : ft->params->list) {
        const bool variadic = f->type != nullptr && f->type->Is<syntax::Ellipsis>();
        for (const syntax::Ident* name : f->names) {
          if (k == index || (variadic && index >= k)) {
            if (variadic) {
              Escape(at.outer);  // packed into a slice
            } else if (const sema::Object* o = MapPaths::UseOf(place.pkg, name)) {
              out_->entries[o].push_back({call, at.pkg, e->callee});
              Var(place, o, nullptr, false);
            }
            found = true;
            break;
          }
          ++k;
        }
        if (found) break;
        if (f->names.empty()) ++k;
      }
    }
    return false;
  }

  // The value is returned as result `index` of `func`.
  void Return(const Node* func, int index) {
    if (!returns_.emplace(func, index).second) return;
    if (const syntax::FuncDecl* fd = func->DynAs<syntax::FuncDecl>()) {
      if (syntax::IsExported(fd->name->name)) out_->external = true;
    }
    const syntax::FuncType* ft = TypeOfFunc(func);
    const bool several = ft != nullptr && ft->results != nullptr && ft->results->NumFields() > 1;
    for (const sema::CallEdge* e : vf_->facts_.CallsTo(func)) {
      if (e->kind == sema::CallKind::kDefines || e->caller == nullptr) continue;
      Seed(e->caller, e->site, several ? index : -1);
    }
  }

  // The value is assigned to `lhs` by `stmt` (parents[depth] is `stmt`).
  void Destination(const FuncPlace& at, const Node* lhs, const Node* stmt,
                   const std::vector<const Node*>& parents, size_t depth) {
    lhs = StripParens(lhs);
    if (const syntax::Ident* id = lhs->DynAs<syntax::Ident>()) {
      if (id->name == "_") return;
      const sema::Object* o = MapPaths::UseOf(at.pkg, id);
      if (o == nullptr) return;
      if (const auto* users = vf_->facts_.UsersOf(o)) {  // a package-level variable
        for (const Node* user : *users) {
          if (user != nullptr) Var(vf_->PlaceOf(user), o, nullptr, false);
        }
        return;
      }
      bool in_closure = false;
      for (size_t j = 0; j < depth; ++j)
        in_closure = in_closure || parents[j]->Is<syntax::FuncLit>();
      Var(at, o, stmt, in_closure);
      return;
    }
    if (const syntax::SelectorExpr* se = lhs->DynAs<syntax::SelectorExpr>()) {
      auto sel = at.pkg->info.selections.find(se);
      if (sel != at.pkg->info.selections.end() && sel->second.is_field) {
        Field(sel->second.owner, sel->second.field_index);
        return;
      }
    }
    Escape(at.outer);
  }

  // The value is an element of a composite literal: a field of a struct
  // literal (by key or position). False for other literals.
  bool StructElement(const FuncPlace& at, const syntax::CompositeLit* lit, const Node* key,
                     int position) {
    auto tv = at.pkg->info.types.find(lit);
    if (tv == at.pkg->info.types.end() || tv->second.type == nullptr) return false;
    const sema::Type* t = tv->second.type;
    if (t->kind == sema::TypeKind::kPointer) t = t->elem;
    const sema::Type* u = t->Underlying();
    if (u == nullptr || u->kind != sema::TypeKind::kStruct) return false;
    int index = position;
    if (key != nullptr) {
      const syntax::Ident* id = key->DynAs<syntax::Ident>();
      index = -1;
      for (size_t k = 0; id != nullptr && k < u->fields.size(); ++k) {
        if (u->fields[k].name == id->name) index = static_cast<int>(k);
      }
    }
    if (index < 0 || static_cast<size_t>(index) >= u->fields.size()) return false;
    Field(u, index);
    return true;
  }

  // The uses of a variable that can run after `def` (all of them when
  // `def` is null: a parameter, a package-level variable).
  void Var(const FuncPlace& at, const sema::Object* var, const Node* def, bool def_in_closure) {
    if (at.pkg == nullptr || !vars_.emplace(var, def, at.outer).second) return;
    const bool anywhere = def == nullptr || def_in_closure || vf_->HasGoto(at.outer);
    work_.push_back([this, at, var, def, anywhere] {
      WalkWithParents(BodyOf(at.outer), [&](const Node* n, const std::vector<const Node*>& ps) {
        const syntax::Ident* id = n->DynAs<syntax::Ident>();
        if (id == nullptr || MapPaths::UseOf(at.pkg, id) != var) return;
        if (!anywhere && !After(def, n, ps)) return;
        Consume(at, n, ps, -1);
      });
    });
  }

  // Whether `use` can run after `def` in one function body: later in the
  // source, inside a loop around both, or inside a closure (which may run
  // at any time).
  static bool After(const Node* def, const Node* use, const std::vector<const Node*>& parents) {
    if (use->Start() >= def->End()) return true;
    for (const Node* p : parents) {
      if (p->Is<syntax::FuncLit>()) return true;
      if ((p->Is<syntax::ForStmt>() || p->Is<syntax::RangeStmt>()) && p->Start() <= def->Start() &&
          def->End() <= p->End()) {
        return true;
      }
    }
    return false;
  }

  // Every read of a struct field.
  void Field(const sema::Type* owner, int index) {
    if (!fields_.emplace(owner, index).second) return;
    for (const Node* outer : vf_->ReadersOf(owner, index)) {
      FuncPlace place = vf_->PlaceOf(outer);
      if (place.pkg == nullptr) continue;
      work_.push_back([this, place, owner, index] {
        auto visit = [&](const Node* n, const std::vector<const Node*>& ps) {
          const syntax::SelectorExpr* se = n->DynAs<syntax::SelectorExpr>();
          if (se == nullptr) return;
          auto sel = place.pkg->info.selections.find(se);
          if (sel == place.pkg->info.selections.end() || !sel->second.is_field ||
              sel->second.owner != owner || sel->second.field_index != index) {
            return;
          }
          Consume(place, n, ps, -1);
        };
        WalkWithParents(BodyOf(place.outer), visit);
      });
    }
  }

  ValueFlow* vf_;
  const sema::Type* type_;
  ValueDestinations* out_;
  std::set<std::pair<const Node*, int>> seeds_;
  std::set<std::pair<const Node*, int>> returns_;
  std::set<std::tuple<const sema::Object*, const Node*, const Node*>> vars_;
  std::set<std::pair<const sema::Type*, int>> fields_;
  std::vector<std::function<void()>> work_;
};

ValueFlow::ValueFlow(const sema::Facts& facts, const std::vector<const sema::Package*>& packages)
    : facts_(facts) {
  for (const sema::Package* pkg : packages) {
    for (const syntax::ParsedFile* f : pkg->files) file_pkg_[f] = pkg;
  }
}

ValueFlow::~ValueFlow() = default;

bool ValueFlow::RuledOutAt(const ValueDestinations& d, const sema::Package* pkg, const Node* func,
                           const Node* base, const Node* node) {
  const sema::Object* var = MapPaths::UseOf(pkg, base);
  auto it = d.entries.find(var);
  const syntax::FuncDecl* fd =
      PlaceOf(func).outer != nullptr ? PlaceOf(func).outer->DynAs<syntax::FuncDecl>() : nullptr;
  if (it == d.entries.end() || fd == nullptr || AssignsVar(pkg, fd, var)) return false;
  return RuledOutByConstantArguments(pkg, fd, node, it->second);
}

ValueFlow::FuncPlace ValueFlow::PlaceOf(const Node* func) {
  auto it = places_.find(func);
  if (it != places_.end()) return it->second;
  FuncPlace place;
  const syntax::ParsedFile* file = func != nullptr ? facts_.FuncFile(func) : nullptr;
  auto pkg = file != nullptr ? file_pkg_.find(file) : file_pkg_.end();
  if (pkg != file_pkg_.end() && BodyOf(func) != nullptr) {
    place.pkg = pkg->second;
    place.outer = func;
    // A closure is walked as part of the function declaring it, so that
    // variables it shares with that function are seen whole.
    if (func->Is<syntax::FuncLit>() && file->file != nullptr) {
      for (const Node* d : file->file->decls) {
        if (d->Is<syntax::FuncDecl>() && d->Start() <= func->Start() && func->End() <= d->End()) {
          place.outer = d;
        }
      }
    }
  }
  return places_.emplace(func, place).first->second;
}

const std::vector<const Node*>& ValueFlow::ReadersOf(const sema::Type* owner, int index) {
  if (!readers_built_) {
    readers_built_ = true;
    for (const auto& entry : file_pkg_) {
      const syntax::ParsedFile* file = entry.first;
      const sema::Package* pkg = entry.second;
      if (file->file == nullptr) continue;
      for (const Node* d : file->file->decls) {
        const syntax::FuncDecl* fd = d->DynAs<syntax::FuncDecl>();
        if (fd == nullptr || fd->body == nullptr) continue;
        std::set<std::pair<const sema::Type*, int>> seen;
        syntax::Inspect(fd->body, [&](const Node* n) {
          if (n->Is<syntax::SelectorExpr>()) {
            auto sel = pkg->info.selections.find(n);
            if (sel != pkg->info.selections.end() && sel->second.is_field &&
                seen.emplace(sel->second.owner, sel->second.field_index).second) {
              readers_[{sel->second.owner, sel->second.field_index}].push_back(fd);
            }
          }
          return true;
        });
      }
    }
  }
  static const std::vector<const Node*> kNone;
  auto it = readers_.find({owner, index});
  return it == readers_.end() ? kNone : it->second;
}

bool ValueFlow::HasGoto(const Node* outer) {
  auto it = has_goto_.find(outer);
  if (it != has_goto_.end()) return it->second;
  bool found = false;
  syntax::Inspect(BodyOf(outer), [&](const Node* n) {
    if (const syntax::BranchStmt* b = n->DynAs<syntax::BranchStmt>()) {
      found = found || b->tok == syntax::Token::kGoto;
    }
    return !found;
  });
  return has_goto_.emplace(outer, found).first->second;
}

bool ValueFlow::AssignedToBlank(const sema::Construction& c) {
  // The literal must be the value itself (`var _ = register(&T{})` hands it on).
  const syntax::ValueSpec* vs = c.var != nullptr && c.var->name == "_" && c.var->decl != nullptr
                                    ? c.var->decl->DynAs<syntax::ValueSpec>()
                                    : nullptr;
  if (vs == nullptr) return false;
  for (size_t i = 0; i < vs->values.size && i < vs->names.size; ++i) {
    if (vs->names[i]->name_pos != c.var->pos) continue;
    return StripAddressOf(vs->values[i]) == c.node;
  }
  return false;
}

const ValueDestinations& ValueFlow::From(const sema::Construction& c) {
  auto it = memo_.find(c.node);
  if (it != memo_.end()) return *it->second;
  auto out = std::make_unique<ValueDestinations>();
  Tracer tracer(this, c.type, out.get());
  if (c.func == nullptr && AssignedToBlank(c)) {
    // var _ I = &T{}: a compile-time check of T's methods; the value goes nowhere.
  } else if (c.func == nullptr) {
    const auto* users = c.var != nullptr ? facts_.UsersOf(c.var) : nullptr;
    out->unknown = users == nullptr;  // a literal not held by a variable
    if (users != nullptr) {
      for (const Node* user : *users) {
        if (user == nullptr) {
          out->unknown = true;  // used at package level
        } else {
          tracer.SeedVar(user, c.var);
        }
      }
    }
  } else if (c.kind == sema::ConstructionKind::kZeroReturn) {
    // A bare return hands back every named result; which one holds the
    // struct is not known here, so each is followed.
    const syntax::FuncType* ft = TypeOfFunc(c.func);
    const int n = ft != nullptr && ft->results != nullptr ? ft->results->NumFields() : 1;
    for (int i = 0; i < n; ++i) tracer.SeedReturn(c.func, n > 1 ? i : 0);
  } else {
    tracer.Seed(c.func, c.node, -1);
  }
  tracer.Run();
  return *memo_.emplace(c.node, std::move(out)).first->second;
}

}  // namespace mw::lint
