#include "lint/caller_guards.h"

#include <string>

#include "lint/constant_arguments.h"
#include "lint/map_paths.h"
#include "syntax/walk.h"

namespace mw::lint {

using sema::Object;
using syntax::Node;

namespace {

// A caller's events, read as the flow reads its own function's.
class CallerEvents : public MapPaths {
 public:
  CallerEvents(const sema::Facts& facts, const MapFlow* flow, const sema::Package* pkg,
               const syntax::ParsedFile* file)
      : MapPaths(facts, flow) {
    pkg_ = pkg;
    file_ = file;
  }
  // Whether `base.field` is assigned or checked in `body` before `at`.
  bool Guarded(const Node* body, const Node* base, const std::string& field, syntax::Pos at) {
    const std::string key = PathKey(StripParens(base));
    if (key.empty()) return false;
    std::vector<Event> events;
    CollectEvents(body, &events);
    return GuardedBefore(events, key + "." + field, at);
  }
};

// How many times the package names `obj` (calls included).
size_t References(const sema::Package* pkg, const Object* obj) {
  size_t n = 0;
  for (const syntax::ParsedFile* pf : pkg->files) {
    if (pf->file == nullptr) continue;
    syntax::Inspect(pf->file, [&](const Node* x) {
      if (const syntax::SelectorExpr* se = x->DynAs<syntax::SelectorExpr>()) {
        auto sel = pkg->info.selections.find(se);
        if (sel != pkg->info.selections.end() && sel->second.obj == obj) ++n;
      } else if (x->Is<syntax::Ident>()) {
        auto u = pkg->info.uses.find(x->As<syntax::Ident>());
        if (u != pkg->info.uses.end() && u->second == obj) ++n;
      }
      return true;
    });
  }
  return n;
}

}  // namespace

bool GuardedByEveryCaller(const sema::Facts& facts, const MapFlow& flow, const MapWrite& w) {
  const syntax::FuncDecl* fd = w.func != nullptr ? w.func->DynAs<syntax::FuncDecl>() : nullptr;
  if (fd == nullptr || fd->body == nullptr || syntax::IsExported(fd->name->name) ||
      w.field == nullptr || w.base == nullptr) {
    return false;
  }
  const Object* base = MapPaths::UseOf(w.pkg, StripParens(w.base));
  if (base == nullptr || AssignsVar(w.pkg, fd, base)) return false;
  // The receiver (-1) or the parameter holding x.
  int position = -2;
  if (fd->recv != nullptr && !fd->recv->list.empty() && !fd->recv->list[0]->names.empty() &&
      MapPaths::UseOf(w.pkg, fd->recv->list[0]->names[0]) == base) {
    position = -1;
  }
  size_t params = 0;
  if (fd->type->params != nullptr) {
    for (const syntax::Field* f : fd->type->params->list) {
      if (f->type != nullptr && f->type->Is<syntax::Ellipsis>()) return false;
      for (const syntax::Ident* name : f->names) {
        if (MapPaths::UseOf(w.pkg, name) == base) position = static_cast<int>(params);
        ++params;
      }
      if (f->names.empty()) ++params;
    }
  }
  if (position == -2) return false;
  const Object* func = MapPaths::UseOf(w.pkg, fd->name);
  const sema::CallEdges calls = facts.CallsTo(fd);
  if (func == nullptr || calls.empty() || References(w.pkg, func) != calls.size()) return false;
  const std::string& field = w.field->owner->fields[static_cast<size_t>(w.field->field_index)].name;
  for (const sema::CallEdge* e : calls) {
    const syntax::CallExpr* call =
        e->site != nullptr ? e->site->DynAs<syntax::CallExpr>() : nullptr;
    const syntax::BlockStmt* body = BodyOf(e->caller);
    if (call == nullptr || body == nullptr ||
        (e->kind != sema::CallKind::kStatic && e->kind != sema::CallKind::kMethod)) {
      return false;
    }
    const Node* arg = nullptr;
    if (position == -1) {
      const syntax::SelectorExpr* se = StripParens(call->fun)->DynAs<syntax::SelectorExpr>();
      if (se != nullptr) arg = se->x;
    } else if (call->args.size == params) {
      arg = call->args[static_cast<size_t>(position)];
    }
    if (arg == nullptr) return false;
    // Unexported: the caller is in the same package.
    CallerEvents events(facts, &flow, w.pkg, e->file);
    if (!events.Guarded(body, arg, field, call->Start())) return false;
  }
  return true;
}

}  // namespace mw::lint
