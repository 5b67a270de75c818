#include "lint/map_flow_prepare.h"

#include <algorithm>
#include <atomic>

#include "base/parallel.h"
#include "lint/map_paths.h"
#include "syntax/walk.h"

namespace mw::lint {

using namespace syntax;  // NOLINT: this file walks the syntax tree throughout
using sema::Object;
using sema::ObjectKind;

// Package-level maps assigned or address-taken anywhere are not tracked;
// those declared without a value and never assigned are nil everywhere.
void CollectNilPackageVars(const sema::Package* pkg,
                           std::unordered_map<const Object*, const Node*>* out) {
  pkg->scope->ForEach([&](Object* o) {
    if (o->kind != ObjectKind::kVar || !IsMapType(o->type) || o->decl == nullptr) return;
    const syntax::ValueSpec* vs = o->decl->DynAs<syntax::ValueSpec>();
    if (vs == nullptr) return;
    bool nil = vs->values.empty();
    for (size_t i = 0; i < vs->names.size && !nil; ++i) {
      if (vs->names[i]->name == o->name && i < vs->values.size) {
        const Ident* v = StripParens(vs->values[i])->DynAs<Ident>();
        nil = v != nullptr && v->name == "nil";
      }
    }
    if (nil) (*out)[o] = vs;
  });
}

// Where the nil package-level maps are assigned or address-taken, and
// what each function writes or initialises.
void FlowPreparation::Prepare(const sema::Package* pkg,
                              const std::unordered_map<const Object*, const Node*>& nil_vars) {
  // Only the declaring package can name an unexported variable: the
  // others' files need not be walked for it.
  bool visible = false;
  for (const auto& [o, decl] : nil_vars) {
    visible = visible || o->pkg == pkg || IsExported(o->name);
  }
  // Another checked package names the variable through its own copy of
  // the declaring package (sema::Program::Import), whose object differs
  // but shares the declaration.
  std::unordered_multimap<const Node*, const Object*> by_decl;
  if (visible) {
    for (const auto& [o, decl] : nil_vars) {
      if (o->pkg != pkg) by_decl.emplace(decl, o);
    }
  }
  for (const ParsedFile* pf : pkg->files) {
    if (pf->file == nullptr) continue;
    if (visible) {
      auto note = [&](const Node* target) {
        Object* o = MapPaths::NamedBy(pkg, target);  // v, or pkg.V
        if (o == nullptr) return;
        if (nil_vars.count(o) != 0) {
          assigned_anywhere.insert(o);
          return;
        }
        if (o->pkg == pkg || o->decl == nullptr) return;
        auto [begin, end] = by_decl.equal_range(o->decl);
        for (auto it = begin; it != end; ++it) {
          if (it->second->name == o->name) assigned_anywhere.insert(it->second);
        }
      };
      Inspect(pf->file, [&](const Node* n) {
        if (const AssignStmt* a = n->DynAs<AssignStmt>()) {
          for (const Node* l : a->lhs) note(l);
        } else if (const UnaryExpr* u = n->DynAs<UnaryExpr>();
                   u != nullptr && u->op == Token::kAnd) {
          note(u->x);
        }
        return true;
      });
    }
    for (const Node* d : pf->file->decls) {
      if (const FuncDecl* fd = d->DynAs<FuncDecl>()) PrepareFunc(pkg, pf, fd);
    }
  }
}

namespace {

// Calls fn on each assignment statement under `s`, in source order, but
// not on those in function literals: those are the only assignments that
// expressions hold, so the expressions themselves are not walked.
template <typename Fn>
void ForEachAssignment(const Node* s, Fn& fn) {
  if (s == nullptr) return;
  switch (s->kind) {
    case NodeKind::kAssignStmt:
      fn(s->As<AssignStmt>());
      break;
    case NodeKind::kBlockStmt:
      for (const Node* c : s->As<BlockStmt>()->list) ForEachAssignment(c, fn);
      break;
    case NodeKind::kLabeledStmt:
      ForEachAssignment(s->As<LabeledStmt>()->stmt, fn);
      break;
    case NodeKind::kIfStmt: {
      const IfStmt* i = s->As<IfStmt>();
      ForEachAssignment(i->init, fn);
      ForEachAssignment(i->body, fn);
      ForEachAssignment(i->else_stmt, fn);
      break;
    }
    case NodeKind::kCaseClause:
      for (const Node* c : s->As<CaseClause>()->body) ForEachAssignment(c, fn);
      break;
    case NodeKind::kSwitchStmt:
      ForEachAssignment(s->As<SwitchStmt>()->init, fn);
      ForEachAssignment(s->As<SwitchStmt>()->body, fn);
      break;
    case NodeKind::kTypeSwitchStmt:
      ForEachAssignment(s->As<TypeSwitchStmt>()->init, fn);
      ForEachAssignment(s->As<TypeSwitchStmt>()->assign, fn);
      ForEachAssignment(s->As<TypeSwitchStmt>()->body, fn);
      break;
    case NodeKind::kCommClause:
      ForEachAssignment(s->As<CommClause>()->comm, fn);
      for (const Node* c : s->As<CommClause>()->body) ForEachAssignment(c, fn);
      break;
    case NodeKind::kSelectStmt:
      ForEachAssignment(s->As<SelectStmt>()->body, fn);
      break;
    case NodeKind::kForStmt: {
      const ForStmt* f = s->As<ForStmt>();
      ForEachAssignment(f->init, fn);
      ForEachAssignment(f->post, fn);
      ForEachAssignment(f->body, fn);
      break;
    }
    case NodeKind::kRangeStmt:
      ForEachAssignment(s->As<RangeStmt>()->body, fn);
      break;
    default:
      break;
  }
}

}  // namespace

// Which parameters a function writes (for nil arguments), and which
// receiver fields a method assigns (for lazy-init helpers).
void FlowPreparation::PrepareFunc(const sema::Package* pkg, const ParsedFile* pf,
                                  const FuncDecl* fd) {
  if (fd->body == nullptr) return;
  std::vector<const Object*> params;
  if (fd->type->params != nullptr) {
    for (const Field* f : fd->type->params->list) {
      for (const Ident* id : f->names) {
        auto d = pkg->info.defs.find(id);
        params.push_back(d != pkg->info.defs.end() ? d->second : nullptr);
      }
      if (f->names.empty()) params.push_back(nullptr);
    }
  }
  const Object* recv = nullptr;
  if (fd->recv != nullptr && !fd->recv->list.empty() && !fd->recv->list[0]->names.empty()) {
    auto d = pkg->info.defs.find(fd->recv->list[0]->names[0]);
    if (d != pkg->info.defs.end()) recv = d->second;
  }
  // Without a receiver or a map parameter there is nothing to record.
  if (recv == nullptr && std::none_of(params.begin(), params.end(), [](const Object* p) {
        return p != nullptr && IsMapType(p->type);
      })) {
    return;
  }
  // A predicate, `return n.file == "" && n.children != nil`: the
  // receiver fields it compares with nil.
  if (recv != nullptr && fd->body->list.size == 1) {
    const ReturnStmt* r = fd->body->list[0]->DynAs<ReturnStmt>();
    if (r != nullptr && r->results.size == 1) {
      Inspect(r->results[0], [&](const Node* n) {
        const BinaryExpr* b = n->DynAs<BinaryExpr>();
        if (b == nullptr || (b->op != Token::kEql && b->op != Token::kNeq)) return true;
        // pkg_ is not set while preparing: the package is named.
        const Node* side = MapPaths::IsNil(pkg, b->y)   ? b->x
                           : MapPaths::IsNil(pkg, b->x) ? b->y
                                                        : nullptr;
        const SelectorExpr* se =
            side != nullptr ? StripParens(side)->DynAs<SelectorExpr>() : nullptr;
        if (se != nullptr && MapPaths::UseOf(pkg, se->x) == recv) {
          checked_fields[fd].push_back(std::string(se->sel->name));
        }
        return true;
      });
    }
  }
  if (std::none_of(params.begin(), params.end(),
                   [](const Object* p) { return p != nullptr && IsMapType(p->type); })) {
    // A method without map parameters: only its receiver's fields
    // assigned are sought, and assignments are statements.
    auto assigned = [&](const AssignStmt* a) {
      for (const Node* l : a->lhs) {
        const SelectorExpr* se = StripParens(l)->DynAs<SelectorExpr>();
        if (se != nullptr && MapPaths::UseOf(pkg, se->x) == recv) {
          init_fields[fd].push_back(std::string(se->sel->name));
        }
      }
    };
    ForEachAssignment(fd->body, assigned);
    return;
  }
  std::unordered_set<const Object*> reassigned;
  Inspect(fd->body, [&](const Node* n) {
    if (n->Is<FuncLit>()) return false;
    // A parameter compared with nil is guarded from there on.
    if (const BinaryExpr* b = n->DynAs<BinaryExpr>();
        b != nullptr && (b->op == Token::kEql || b->op == Token::kNeq)) {
      for (const Node* side : {b->x, b->y}) {
        const Ident* id = StripParens(side)->DynAs<Ident>();
        if (id != nullptr && id->name == "nil") {
          Object* o = MapPaths::UseOf(pkg, side == b->x ? b->y : b->x);
          if (o != nullptr && IsMapType(o->type)) reassigned.insert(o);
        }
      }
    }
    const AssignStmt* a = n->DynAs<AssignStmt>();
    const IncDecStmt* inc = n->DynAs<IncDecStmt>();
    auto write = [&](const Node* target) {
      const IndexExpr* ix = StripParens(target)->DynAs<IndexExpr>();
      if (ix == nullptr) return;
      const Object* o = MapPaths::UseOf(pkg, ix->x);
      if (o == nullptr || reassigned.count(o) != 0) return;
      for (size_t i = 0; i < params.size(); ++i) {
        if (params[i] == o && IsMapType(o->type)) {
          param_writes[fd].emplace(i, std::make_pair(n, pf));
        }
      }
    };
    if (inc != nullptr) write(inc->x);
    if (a != nullptr) {
      for (const Node* l : a->lhs) {
        write(l);
        const Node* ls = StripParens(l);
        if (Object* o = MapPaths::UseOf(pkg, ls); o != nullptr && IsMapType(o->type))
          reassigned.insert(o);
        // x.f = ... in a method of x.
        if (const SelectorExpr* se = ls->DynAs<SelectorExpr>(); se != nullptr && recv != nullptr) {
          if (MapPaths::UseOf(pkg, se->x) == recv) {
            init_fields[fd].push_back(std::string(se->sel->name));
          }
        }
      }
    }
    return true;
  });
}

PreparedFlow PrepareFlow(const std::vector<const sema::Package*>& packages) {
  PreparedFlow out;
  // The nil package-level maps first: only their assignments are sought.
  for (const sema::Package* p : packages) CollectNilPackageVars(p, &out.nil_package_vars);
  std::vector<FlowPreparation> prepared(packages.size());
  // Packages largest first: the threads finish together.
  std::vector<size_t> package_bytes(packages.size());
  for (size_t i = 0; i < packages.size(); ++i) {
    for (const ParsedFile* pf : packages[i]->files) package_bytes[i] += pf->source->size();
  }
  const std::vector<size_t> order = LargestFirst(package_bytes);
  std::atomic<size_t> next{0};
  auto prepare = [&] {
    for (size_t k; (k = next.fetch_add(1)) < order.size();) {
      prepared[order[k]].Prepare(packages[order[k]], out.nil_package_vars);
    }
  };
  RunOnLargeStacks(std::min<int>(WorkerCount(), static_cast<int>(packages.size())), prepare);
  // All keyed by object or function: the merge order does not matter.
  for (FlowPreparation& p : prepared) {
    out.assigned_anywhere.insert(p.assigned_anywhere.begin(), p.assigned_anywhere.end());
    for (auto& [fd, writes] : p.param_writes) out.param_writes[fd] = std::move(writes);
    for (auto& [fd, f] : p.init_fields) out.init_fields[fd] = std::move(f);
    for (auto& [fd, f] : p.checked_fields) out.checked_fields[fd] = std::move(f);
  }
  return out;
}

}  // namespace mw::lint
