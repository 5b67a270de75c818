// The pass over each package's syntax that gathers the facts (facts.h),
// one builder per package, and the steps that join the packages' shares
// (Start, AddPackage, Complete).
#include <algorithm>
#include <atomic>
#include <functional>
#include <iterator>
#include <memory>

#include "base/parallel.h"
#include "base/small_vector.h"
#include "base/strings.h"
#include "sema/facts.h"
#include "syntax/parser.h"
#include "syntax/walk.h"

namespace mw::sema {

using namespace syntax;  // NOLINT: this file walks the syntax tree throughout
namespace {

const Node* StripParens(const Node* e) {
  while (e != nullptr && e->Is<ParenExpr>()) e = e->As<ParenExpr>()->x;
  return e;
}

bool IsMapType(const Type* t) { return t != nullptr && t->IsMap(); }

// Parameter and result types alike, names aside.
bool SameSignature(const Type* a, const Type* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr || a->kind != TypeKind::kSignature ||
      b->kind != TypeKind::kSignature || a->variadic != b->variadic ||
      a->fields.size() != b->fields.size() || a->results.size() != b->results.size()) {
    return false;
  }
  for (size_t i = 0; i < a->fields.size(); ++i) {
    if (a->fields[i].type != b->fields[i].type) return false;
  }
  for (size_t i = 0; i < a->results.size(); ++i) {
    if (a->results[i].type != b->results[i].type) return false;
  }
  return true;
}

// pkg.F, pkg.T.M or pkg.(*T).M, as Go's runtime names functions.
std::string DeclName(const std::string& pkg, const FuncDecl* fd) {
  std::string name = pkg + ".";
  if (fd->recv != nullptr && !fd->recv->list.empty()) {
    const Node* t = fd->recv->list[0]->type;
    bool ptr = false;
    if (const StarExpr* st = t->DynAs<StarExpr>()) t = st->x, ptr = true;
    if (const IndexExpr* ix = t->DynAs<IndexExpr>()) t = ix->x;
    if (const IndexListExpr* il = t->DynAs<IndexListExpr>()) t = il->x;
    std::string recv = t->Is<Ident>() ? std::string(t->As<Ident>()->name) : "?";
    name += ptr ? "(*" + recv + ")." : recv + ".";
  }
  return name + std::string(fd->name->name);
}

bool IsYamlPackage(std::string_view path) { return path.find("yaml") != std::string_view::npos; }

}  // namespace

// One pass over each package's syntax, then the fixpoint for nil maps.
class FactsBuilder {
 public:
  friend class Facts;
  FactsBuilder(Program* program, Facts* facts) : program_(program), f_(facts) {}

  void Package(const sema::Package* pkg) {
    pkg_ = pkg;
    for (const ParsedFile* pf : pkg->files) {
      file_ = pf;
      if (pf->file != nullptr) Visit(pf->file);
    }
  }

  // `also` runs beside the rest (freeing what the workers left).
  void Finish(const std::function<void()>& also = [] {}) {
    // The three call indexes and the fixpoint below are independent: each
    // is a task of its own, on the cores there are.
    RunTasks(std::min<int>(WorkerCount(), 4),
             {
                 [&] { NilMapFuncs(); },
                 [&] { f_->calls_from_.Build(f_->calls_, &CallEdge::caller); },
                 [&] { f_->calls_to_.Build(f_->calls_, &CallEdge::callee); },
                 [&] { f_->calls_at_.Build(f_->calls_, &CallEdge::site); },
                 also,
             });
  }

  // Functions whose returns may be nil maps, to a fixpoint: a return of a
  // call to such a function makes the caller one too.
  void NilMapFuncs() {
    for (bool changed = true; changed;) {
      changed = false;
      for (const auto& [func, returns] : returns_) {
        if (f_->nil_map_funcs_.count(func) != 0) continue;
        for (const Return& r : returns) {
          if (ReturnMayBeNilMap(func, r)) {
            f_->nil_map_funcs_.insert(func);
            changed = true;
            break;
          }
        }
      }
    }
  }

  // What a worker's builder learned that Finish needs.
  void Absorb(FactsBuilder&& w) {
    for (auto& [func, returns] : w.returns_) {
      returns_[func] = std::move(returns);
      func_info_[func] = w.func_info_[func];
    }
    closure_vars_.insert(w.closure_vars_.begin(), w.closure_vars_.end());
    nil_decls_.insert(w.nil_decls_.begin(), w.nil_decls_.end());
  }

 private:
  struct Return {
    const ReturnStmt* stmt;
    const sema::Package* pkg;
    // The statement lists enclosing the return, and its index in each.
    std::vector<std::pair<const List<Node>*, size_t>> path;
  };
  struct FuncInfo {
    const Type* sig = nullptr;
    const FieldList* results = nullptr;
    // What decides which statements are recorded: assignments matter only
    // to named results (ZeroReturn), returns only where a result is a map
    // (Finish). Most functions have neither, and record nothing.
    bool named_results = false;
    bool map_results = false;
  };

  const TypeAndValue* TypeOf(const Node* e) const {
    auto it = pkg_->info.types.find(e);
    return it == pkg_->info.types.end() ? nullptr : &it->second;
  }
  Object* Use(const Node* e) const {
    const Ident* id = e != nullptr ? e->DynAs<Ident>() : nullptr;
    if (id == nullptr) return nullptr;
    auto it = pkg_->info.uses.find(id);
    return it == pkg_->info.uses.end() ? nullptr : it->second;
  }
  Object* Def(const Ident* id) const {
    auto it = pkg_->info.defs.find(id);
    return it == pkg_->info.defs.end() ? nullptr : it->second;
  }
  const Node* CurrentFunc() const { return funcs_.empty() ? nullptr : funcs_.back(); }
  const FuncInfo& CurrentInfo() const {
    static const FuncInfo kPackageLevel;
    return infos_.empty() ? kPackageLevel : *infos_.back();
  }

  void AddConstruction(ConstructionKind kind, const Type* t, const Node* node,
                       std::vector<bool> fields_set = {}) {
    if (t == nullptr || t->Underlying()->kind != TypeKind::kStruct) return;
    Construction c;
    c.kind = kind;
    c.type = t;
    c.node = node;
    c.pkg = pkg_;
    c.file = file_;
    c.func = CurrentFunc();
    c.var = c.func == nullptr ? current_var_ : nullptr;
    c.fields_set = std::move(fields_set);
    f_->constructions_[t].push_back(std::move(c));
  }

  // A decoder fills the value and every struct reachable from it.
  void AddDecoded(const Type* t, const Node* site, std::unordered_set<const Type*>* seen) {
    if (t == nullptr || !seen->insert(t).second) return;
    const Type* u = t->Underlying();
    switch (u->kind) {
      case TypeKind::kStruct:
        AddConstruction(ConstructionKind::kDecoder, t, site);
        for (const Var& field : u->fields) AddDecoded(field.type, site, seen);
        break;
      case TypeKind::kPointer:
      case TypeKind::kSlice:
      case TypeKind::kArray:
        AddDecoded(u->elem, site, seen);
        break;
      case TypeKind::kMap:
        AddDecoded(u->elem, site, seen);
        break;
      default:
        break;
    }
  }

  void CollectImplementers(const sema::Package* pkg) {
    pkg->scope->ForEach([&](Object* o) {
      if (o->kind != ObjectKind::kTypeName || o->type == nullptr ||
          o->type->kind != TypeKind::kNamed || o->is_alias) {
        return;
      }
      const MethodList* methods = Program::MethodListOf(o);
      if (methods != nullptr && !methods->objects.empty()) concrete_.emplace_back(o->type, methods);
    });
  }

  static void InterfaceMethods(const Type* iface, std::vector<const Method*>* out, int depth = 0) {
    if (iface == nullptr || depth > 32) return;
    const Type* u = iface->Underlying();
    if (u->kind != TypeKind::kInterface) return;
    for (const Method& m : u->methods) out->push_back(&m);
    for (const Type* e : u->embeddeds) InterfaceMethods(e, out, depth + 1);
  }

  // The methods named `name` of the program's types implementing `iface`
  // (of the packages visited so far). Memoized: the implementers only
  // grow, so a later call scans just the types added since.
  const std::vector<const Node*>& Implementations(const Type* iface, std::string_view name) {
    ImplementationsMemo& memo = implementations_[iface][std::string(name)];
    const size_t visible = std::min(visible_, concrete_.size());
    if (memo.scanned >= visible) return memo.out;
    std::vector<const Method*> wanted;
    InterfaceMethods(iface, &wanted);
    // Methods are matched by their names' tags first (Program::AddMethod):
    // most types lack most methods, and their objects are not read.
    std::vector<uint64_t> wanted_tags;
    for (const Method* w : wanted) wanted_tags.push_back(NameTag(w->name));
    for (; memo.scanned < visible; ++memo.scanned) {
      const MethodList& methods = *concrete_[memo.scanned].second;
      const Node* target = nullptr;
      bool all = !wanted.empty();
      for (size_t k = 0; k < wanted.size(); ++k) {
        const Method* w = wanted[k];
        const Object* found = nullptr;
        methods.ForEachNamed(w->name, wanted_tags[k], [&](const Object* m) {
          if (SameSignature(m->type, w->signature)) found = m;
        });
        if (found == nullptr) {
          all = false;
          break;
        }
        if (found->name == name) target = Named(found);
      }
      if (all && target != nullptr) memo.out.push_back(target);
    }
    return memo.out;
  }

  CallEdge Edge(const Node* callee, const Node* site, CallKind kind) const {
    CallEdge e;
    e.caller = CurrentFunc();
    e.callee = callee;
    e.site = site;
    e.kind = kind;
    e.go = go_calls_.count(site) != 0;
    e.defer = defer_calls_.count(site) != 0;
    e.file = file_;
    return e;
  }

  void AddCall(const Node* callee, const Node* site, CallKind kind) {
    if (callee != nullptr) f_->calls_.push_back(Edge(callee, site, kind));
  }

  // Appends a worker's share of the calls, with the edges of the interface
  // calls it deferred resolved as they would have been then: against the
  // implementers of the packages up to its own. After the share's other
  // facts: the implementations are named (Named) only where no share has.
  void AbsorbCalls(const FactsBuilder& w, const std::vector<CallEdge>& calls, size_t visible) {
    std::vector<CallEdge>& out = f_->calls_;
    visible_ = visible;
    size_t from = 0;
    for (const DeferredCall& d : w.deferred_) {
      out.insert(out.end(), calls.begin() + from, calls.begin() + d.position);
      from = d.position;
      for (const Node* callee : Implementations(d.iface, d.name)) {
        CallEdge e = d.edge;
        e.callee = callee;
        out.push_back(e);
      }
    }
    out.insert(out.end(), calls.begin() + from, calls.end());
    visible_ = SIZE_MAX;
  }

  // Functions outside the checked packages are named from their objects.
  const Node* Named(const Object* o) {
    const Node* d = Facts::DeclOf(o);
    if (d == nullptr || f_->func_names_.count(d) != 0) return d;
    f_->func_names_[d] = {
        DeclName(o->pkg != nullptr ? o->pkg->name : std::string("?"), d->As<FuncDecl>()), nullptr};
    return d;
  }

  // The functions a call may run, by how it names them.
  struct Callee {
    const Node* func;
    CallKind kind;
  };
  // Most calls have one callee: held without a malloc.
  using CalleeList = SmallVector<Callee, 2>;
  CalleeList Callees(const CallExpr* call) {
    CalleeList out;
    const Node* fun = StripParens(call->fun);
    if (const IndexExpr* ix = fun->DynAs<IndexExpr>()) fun = ix->x;  // f[T](...)
    if (const IndexListExpr* il = fun->DynAs<IndexListExpr>()) fun = il->x;
    if (fun->Is<FuncLit>()) {
      out.push_back({fun, CallKind::kClosure});
    } else if (const Ident* id = fun->DynAs<Ident>()) {
      Object* o = Use(id);
      if (const Node* d = Named(o)) out.push_back({d, CallKind::kStatic});
      auto it = closure_vars_.find(o);
      if (it != closure_vars_.end()) out.push_back({it->second, CallKind::kClosure});
    } else if (const SelectorExpr* se = fun->DynAs<SelectorExpr>()) {
      auto sel = pkg_->info.selections.find(se);
      if (sel == pkg_->info.selections.end()) {
        if (const Node* d = Named(Use(se->sel))) out.push_back({d, CallKind::kStatic});
      } else if (!sel->second.is_field) {
        if (const Node* d = Named(sel->second.obj)) {
          out.push_back({d, CallKind::kMethod});
        } else if (sel->second.recv != nullptr &&
                   sel->second.recv->Underlying()->kind == TypeKind::kInterface) {
          if (defer_interfaces_) {
            // Its edges go where they would have been made, once every
            // package's methods are typed (Facts::Complete).
            deferred_.push_back({f_->calls_.size(), sel->second.recv, se->sel->name,
                                 Edge(nullptr, call, CallKind::kInterface)});
            return out;
          }
          for (const Node* d : Implementations(sel->second.recv, se->sel->name)) {
            out.push_back({d, CallKind::kInterface});
          }
        }
      }
    }
    return out;
  }

  // The object a call's function names (to recognise decoders).
  const Object* CalledObject(const CallExpr* call) const {
    const Node* fun = StripParens(call->fun);
    if (const SelectorExpr* se = fun->DynAs<SelectorExpr>()) {
      auto sel = pkg_->info.selections.find(se);
      if (sel != pkg_->info.selections.end()) return sel->second.obj;
      return Use(se->sel);
    }
    return Use(fun);
  }

  void Call(const CallExpr* call) {
    for (const auto& [callee, kind] : Callees(call)) AddCall(callee, call, kind);
    const Node* fun = StripParens(call->fun);
    if (const Ident* id = fun->DynAs<Ident>()) {
      Object* o = Use(id);
      if (o != nullptr && o->kind == ObjectKind::kBuiltin && o->name == "new" &&
          !call->args.empty()) {
        auto tv = TypeOf(call);
        if (tv != nullptr && tv->type->kind == TypeKind::kPointer) {
          AddConstruction(ConstructionKind::kNew, tv->type->elem, call);
        }
      }
    }
    // Decoders: json.Unmarshal(data, &v), dec.Decode(&v), for json, xml,
    // gob and YAML packages.
    const Object* callee = CalledObject(call);
    if (callee == nullptr || callee->kind != ObjectKind::kFunc || callee->pkg == nullptr) return;
    const std::string& path = callee->pkg->path;
    const bool codec = path == "encoding/json" || path == "encoding/xml" ||
                       path == "encoding/gob" || IsYamlPackage(path);
    if (!codec) return;
    int arg = -1;
    if (callee->name == "Unmarshal" && call->args.size == 2) arg = 1;
    if ((callee->name == "Decode" || callee->name == "DecodeElement") && !call->args.empty()) {
      arg = 0;
    }
    if (arg < 0) return;
    auto tv = TypeOf(call->args[arg]);
    if (tv == nullptr || tv->type == nullptr || tv->type->kind != TypeKind::kPointer) return;
    std::unordered_set<const Type*> seen;
    // The fields' types may be another package's, which another thread
    // may be typing.
    std::lock_guard<std::recursive_mutex> lock(program_->types().lazy_mutex());
    AddDecoded(tv->type->elem, call, &seen);
  }

  void CompositeLit(const syntax::CompositeLit* lit) {
    auto tv = TypeOf(lit);
    if (tv == nullptr || tv->type == nullptr) return;
    const Type* t = tv->type;
    if (t->kind == TypeKind::kPointer) t = t->elem;  // elided &T in []*T{{...}}
    const Type* u = t->Underlying();
    if (u->kind != TypeKind::kStruct) return;
    std::vector<bool> set(u->fields.size(), false);
    size_t i = 0;
    for (const Node* elt : lit->elts) {
      if (const KeyValueExpr* kv = elt->DynAs<KeyValueExpr>()) {
        if (const Ident* key = kv->key->DynAs<Ident>()) {
          for (size_t k = 0; k < u->fields.size(); ++k) {
            if (u->fields[k].name == key->name) set[k] = true;
          }
        }
      } else if (i < set.size()) {
        set[i] = true;
      }
      ++i;
    }
    AddConstruction(ConstructionKind::kCompositeLit, t, lit, std::move(set));
  }

  void Assign(const syntax::AssignStmt* a) {
    for (size_t i = 0; i < a->lhs.size; ++i) {
      const Node* l = StripParens(a->lhs[i]);
      const Node* r =
          i < a->rhs.size && a->lhs.size == a->rhs.size ? StripParens(a->rhs[i]) : nullptr;
      if (const SelectorExpr* se = l->DynAs<SelectorExpr>()) {
        auto sel = pkg_->info.selections.find(se);
        if (sel != pkg_->info.selections.end() && sel->second.is_field) {
          f_->field_assignments_.push_back(
              {sel->second.owner, sel->second.field_index, a, se, CurrentFunc(), pkg_, file_});
        }
      }
      if (const Ident* id = l->DynAs<Ident>()) {
        Object* o = a->tok == Token::kDefine ? Def(id) : Use(id);
        if (o == nullptr) o = Use(id);
        if (o != nullptr) {
          if (CurrentInfo().named_results) assigned_[CurrentFunc()].insert(o);
          if (r != nullptr && r->Is<FuncLit>()) closure_vars_[o] = r;
        }
      }
    }
  }

  void Spec(const syntax::ValueSpec* vs, bool is_var) {
    for (size_t i = 0; i < vs->names.size; ++i) {
      Object* o = Def(vs->names[i]);
      if (o == nullptr) continue;
      // Local map variables declared without a value, or as nil.
      if (is_var && CurrentFunc() != nullptr && IsMapType(o->type) &&
          (vs->values.empty() || (i < vs->values.size && IsNil(pkg_, vs->values[i])))) {
        nil_decls_[o] = CurrentFunc();
      }
      if (vs->values.empty() && is_var) {
        AddConstruction(ConstructionKind::kVarDecl, o->type, vs->names[i]);
      }
      if (i < vs->values.size && StripParens(vs->values[i])->Is<FuncLit>()) {
        closure_vars_[o] = StripParens(vs->values[i]);
      }
    }
  }

  void ZeroReturn(const ReturnStmt* r) {
    const FuncInfo& fi = func_info_[CurrentFunc()];
    if (!r->results.empty() || fi.results == nullptr) return;
    for (const Field* field : fi.results->list) {
      for (const Ident* id : field->names) {
        Object* o = Def(id);
        if (o == nullptr || assigned_[CurrentFunc()].count(o) != 0) continue;
        AddConstruction(ConstructionKind::kZeroReturn, o->type, r);
      }
    }
  }

  void EnterFunc(const Node* fn, const FuncType* ft) {
    // Names as the runtime gives them: pkg.F, pkg.T.M, pkg.(*T).M, and
    // pkg.F.func1 for literals (nested: pkg.F.func1.1; at package level
    // pkg.glob..func1, numbered per package).
    std::string name;
    if (const FuncDecl* fd = fn->DynAs<FuncDecl>()) {
      name = DeclName(pkg_->name, fd);
    } else {
      const Node* outer = CurrentFunc();
      const std::string& base =
          outer != nullptr ? f_->func_names_[outer].first : pkg_->name + ".glob.";
      const int n = ++literal_counts_[outer];
      name = base + (outer != nullptr && outer->Is<syntax::FuncLit>() ? "." : ".func") +
             std::to_string(n);
    }
    f_->func_names_[fn] = {std::move(name), file_};
    funcs_.push_back(fn);
    FuncInfo& fi = func_info_[fn];
    infos_.push_back(&fi);
    fi.results = ft->results;
    if (ft->results != nullptr) {  // named map results start nil
      for (const Field* field : ft->results->list) {
        for (const Ident* id : field->names) {
          Object* o = Def(id);
          if (o != nullptr && IsMapType(o->type)) nil_decls_[o] = fn;
          fi.named_results = true;
        }
      }
    }
    if (const FuncDecl* fd = fn->DynAs<FuncDecl>()) {
      if (Object* o = Def(fd->name)) fi.sig = o->type;
    } else if (auto tv = TypeOf(fn)) {
      fi.sig = tv->type;
    }
    if (fi.sig != nullptr && fi.sig->kind == TypeKind::kSignature) {
      for (const Var& r : fi.sig->results) fi.map_results = fi.map_results || IsMapType(r.type);
    }
  }

  void StmtList(const List<Node>& list) {
    for (size_t i = 0; i < list.size; ++i) {
      path_.emplace_back(&list, i);
      Visit(list[i]);
      path_.pop_back();
    }
  }

  void Visit(const Node* n) {
    switch (n->kind) {
      case NodeKind::kFuncDecl: {
        const FuncDecl* fd = n->As<FuncDecl>();
        EnterFunc(fd, fd->type);
        const size_t saved = path_begin_;
        path_begin_ = path_.size();
        if (fd->body != nullptr) StmtList(fd->body->list);
        path_begin_ = saved;
        funcs_.pop_back();
        infos_.pop_back();
        return;
      }
      case NodeKind::kFuncLit: {
        const syntax::FuncLit* fl = n->As<syntax::FuncLit>();
        AddCall(fl, fl, CallKind::kDefines);
        EnterFunc(fl, fl->type);
        const size_t saved = path_begin_;
        path_begin_ = path_.size();
        StmtList(fl->body->list);
        path_begin_ = saved;
        funcs_.pop_back();
        infos_.pop_back();
        return;
      }
      case NodeKind::kBlockStmt:
        StmtList(n->As<BlockStmt>()->list);
        return;
      case NodeKind::kCaseClause:
        for (const Node* e : n->As<CaseClause>()->list) Visit(e);
        StmtList(n->As<CaseClause>()->body);
        return;
      case NodeKind::kCommClause:
        if (n->As<CommClause>()->comm != nullptr) Visit(n->As<CommClause>()->comm);
        StmtList(n->As<CommClause>()->body);
        return;
      case NodeKind::kGoStmt:
        go_calls_.insert(n->As<GoStmt>()->call);
        break;
      case NodeKind::kDeferStmt:
        defer_calls_.insert(n->As<DeferStmt>()->call);
        break;
      case NodeKind::kCallExpr:
        Call(n->As<CallExpr>());
        break;
      case NodeKind::kCompositeLit:
        CompositeLit(n->As<syntax::CompositeLit>());
        break;
      case NodeKind::kAssignStmt:
        Assign(n->As<syntax::AssignStmt>());
        if (CurrentFunc() != nullptr) {
          for (const Node* l : n->As<syntax::AssignStmt>()->lhs) {
            if (StripParens(l)->Is<syntax::IndexExpr>()) f_->index_writers_.insert(CurrentFunc());
          }
        }
        break;
      case NodeKind::kIncDecStmt:
        if (CurrentFunc() != nullptr &&
            StripParens(n->As<syntax::IncDecStmt>()->x)->Is<syntax::IndexExpr>()) {
          f_->index_writers_.insert(CurrentFunc());
        }
        break;
      case NodeKind::kGenDecl: {
        const GenDecl* g = n->As<GenDecl>();
        for (const Node* s : g->specs) {
          const syntax::ValueSpec* vs = s->DynAs<syntax::ValueSpec>();
          if (vs == nullptr) {
            Visit(s);
            continue;
          }
          Spec(vs, g->tok == Token::kVar);
          if (vs->type != nullptr) Visit(vs->type);
          // Package-level values: which variable each literal initialises.
          for (size_t i = 0; i < vs->values.size; ++i) {
            current_var_ =
                CurrentFunc() == nullptr && i < vs->names.size ? Def(vs->names[i]) : nullptr;
            Visit(vs->values[i]);
          }
          current_var_ = nullptr;
        }
        return;
      }
      case NodeKind::kIdent: {
        auto u = pkg_->info.uses.find(n->As<Ident>());
        if (u != pkg_->info.uses.end() && u->second->kind == ObjectKind::kVar &&
            u->second->decl != nullptr && u->second->decl->Is<syntax::ValueSpec>() &&
            u->second->pkg != nullptr && u->second->pkg->scope != nullptr &&
            u->second->pkg->scope->LookupLocal(u->second->name) == u->second) {
          f_->var_users_[u->second].insert(CurrentFunc());
        }
        return;
      }
      case NodeKind::kReturnStmt:
        if (CurrentFunc() != nullptr) {
          ZeroReturn(n->As<ReturnStmt>());
          if (CurrentInfo().map_results) {
            returns_[CurrentFunc()].push_back(
                {n->As<ReturnStmt>(), pkg_, {path_.begin() + path_begin_, path_.end()}});
          }
        }
        break;
      default:
        break;
    }
    ForEachChild(n, [this](const Node* c) { Visit(c); });
  }

  // Whether a map variable declared nil (or a named result) is definitely
  // assigned a non-nil value before the return: by an assignment in a
  // statement list enclosing the return, ahead of it.
  bool AssignedBefore(const Object* v, const Return& r) const {
    for (const auto& [list, index] : r.path) {
      for (size_t i = 0; i < index; ++i) {
        const syntax::AssignStmt* a = (*list)[i]->DynAs<syntax::AssignStmt>();
        if (a == nullptr || a->lhs.size != a->rhs.size) continue;
        for (size_t k = 0; k < a->lhs.size; ++k) {
          const Ident* id = a->lhs[k]->DynAs<Ident>();
          if (id == nullptr) continue;
          auto u = r.pkg->info.uses.find(id);
          auto d = r.pkg->info.defs.find(id);
          const Object* o = u != r.pkg->info.uses.end()   ? u->second
                            : d != r.pkg->info.defs.end() ? d->second
                                                          : nullptr;
          if (o == v && !IsNil(r.pkg, a->rhs[k])) return true;
        }
      }
    }
    return false;
  }

  static bool IsNil(const sema::Package* pkg, const Node* e) {
    const Ident* id = StripParens(e)->DynAs<Ident>();
    if (id == nullptr) return false;
    auto it = pkg->info.uses.find(id);
    return it != pkg->info.uses.end() && it->second->kind == ObjectKind::kNil;
  }

  // A local map variable declared without a value (or with nil), or a
  // named result: nil until assigned.
  bool StartsNil(const Object* v, const Node* func) const {
    auto it = nil_decls_.find(v);
    if (it != nil_decls_.end()) return it->second == func;
    return false;
  }

  bool ResultMayBeNil(const Node* func, const Return& r, const Node* e) {
    e = StripParens(e);
    const sema::Package* pkg = r.pkg;
    if (IsNil(pkg, e)) return true;
    if (const Ident* id = e->DynAs<Ident>()) {
      auto it = pkg->info.uses.find(id);
      if (it == pkg->info.uses.end()) return false;
      return StartsNil(it->second, func) && !AssignedBefore(it->second, r);
    }
    if (const IndexExpr* ix = e->DynAs<IndexExpr>()) {
      // m[k] of a map of maps is nil for a missing key.
      auto it = pkg->info.types.find(ix->x);
      return it != pkg->info.types.end() && it->second.type != nullptr &&
             it->second.type->Underlying()->kind == TypeKind::kMap;
    }
    if (const CallExpr* call = e->DynAs<CallExpr>()) {
      const sema::Package* saved = pkg_;
      pkg_ = pkg;
      auto callees = Callees(call);
      pkg_ = saved;
      for (const auto& [callee, kind] : callees) {
        if (f_->nil_map_funcs_.count(callee) != 0) return true;
      }
    }
    return false;
  }

  bool ReturnMayBeNilMap(const Node* func, const Return& r) {
    const FuncInfo& fi = func_info_[func];
    if (fi.sig == nullptr || fi.sig->kind != TypeKind::kSignature) return false;
    const auto& results = fi.sig->results;
    if (r.stmt->results.empty()) {
      // A bare return: named map results never assigned are nil.
      if (fi.results == nullptr) return false;
      for (const Field* field : fi.results->list) {
        for (const Ident* id : field->names) {
          auto d = r.pkg->info.defs.find(id);
          if (d == r.pkg->info.defs.end() || !IsMapType(d->second->type)) continue;
          if (!AssignedBefore(d->second, r)) return true;
        }
      }
      return false;
    }
    if (r.stmt->results.size == 1 && results.size() > 1) {
      // return f(): f's results are this function's.
      return ResultMayBeNil(func, r, r.stmt->results[0]);
    }
    for (size_t i = 0; i < r.stmt->results.size && i < results.size(); ++i) {
      if (IsMapType(results[i].type) && ResultMayBeNil(func, r, r.stmt->results[i])) return true;
    }
    return false;
  }

  Program* program_;
  Facts* f_;
  const sema::Package* pkg_ = nullptr;
  const ParsedFile* file_ = nullptr;
  const Object* current_var_ = nullptr;
  std::unordered_map<const Node*, int> literal_counts_;
  std::vector<const Node*> funcs_;
  std::vector<const FuncInfo*> infos_;  // funcs_' entries in func_info_
  std::vector<std::pair<const List<Node>*, size_t>> path_;
  // Where the current function's statement lists begin in path_ (those
  // before are the enclosing functions'): one buffer for every function.
  size_t path_begin_ = 0;
  std::unordered_map<const Node*, FuncInfo> func_info_;
  std::unordered_map<const Node*, std::vector<Return>> returns_;
  std::unordered_map<const Node*, std::unordered_set<const Object*>> assigned_;
  std::unordered_map<const Object*, const Node*> closure_vars_;
  std::unordered_map<const Object*, const Node*> nil_decls_;
  std::unordered_set<const Node*> go_calls_, defer_calls_;
  // The main builder's: the types Implementations searches, and how many
  // of them the package whose calls are resolved sees (those of the
  // packages before it and its own).
  std::vector<std::pair<const Type*, const MethodList*>> concrete_;
  size_t visible_ = SIZE_MAX;
  // A worker's builder leaves interface calls to the main one: another
  // package's methods may still be being typed on another thread.
  bool defer_interfaces_ = false;
  struct DeferredCall {
    size_t position;  // in the share's calls
    const Type* iface;
    std::string_view name;
    CallEdge edge;  // all but the callee
  };
  std::vector<DeferredCall> deferred_;
  struct ImplementationsMemo {
    size_t scanned = 0;  // entries of concrete_ looked at
    std::vector<const Node*> out;
  };
  std::unordered_map<const Type*, std::unordered_map<std::string, ImplementationsMemo>>
      implementations_;
};

struct Facts::InProgress {
  Program* program;
  std::vector<const Package*> packages;
  std::vector<std::unique_ptr<Facts>> shares;
  std::vector<std::unique_ptr<FactsBuilder>> builders;
};

Facts::Facts() = default;
Facts::~Facts() = default;

Facts::Facts(Program* program, const std::vector<const Package*>& packages) {
  Begin(program, packages);
  // Largest first; each fills its own slot, so the order changes nothing
  // else.
  std::vector<size_t> bytes(packages.size());
  for (size_t i = 0; i < packages.size(); ++i) {
    for (const ParsedFile* f : packages[i]->files) bytes[i] += f->source->size();
  }
  const std::vector<size_t> order = LargestFirst(bytes);
  std::atomic<size_t> next{0};
  RunOnLargeStacks(std::min<int>(WorkerCount(), static_cast<int>(packages.size())), [&] {
    for (size_t k; (k = next.fetch_add(1)) < order.size();) AddPackage(order[k]);
  });
  Complete();
}

std::unique_ptr<Facts> Facts::Start(Program* program, std::vector<const Package*> packages) {
  std::unique_ptr<Facts> f(new Facts());
  f->Begin(program, std::move(packages));
  return f;
}

void Facts::Begin(Program* program, std::vector<const Package*> packages) {
  const size_t n = packages.size();
  in_progress_.reset(new InProgress{program, std::move(packages), {}, {}});
  in_progress_->shares.resize(n);
  in_progress_->builders.resize(n);
}

void Facts::AddPackage(size_t i) {
  InProgress& p = *in_progress_;
  p.shares[i].reset(new Facts());
  p.builders[i] = std::make_unique<FactsBuilder>(p.program, p.shares[i].get());
  p.builders[i]->defer_interfaces_ = true;
  p.builders[i]->Package(p.packages[i]);
}

void Facts::Complete() {
  InProgress& p = *in_progress_;
  FactsBuilder main(p.program, this);
  RunWithLargeStack([&] {
    // Implementers in package order: package i sees those of 0..i, as when
    // one builder visits the packages in turn.
    std::vector<size_t> visible(p.packages.size());
    for (size_t i = 0; i < p.packages.size(); ++i) {
      main.CollectImplementers(p.packages[i]);
      visible[i] = main.concrete_.size();
    }
    // The shares, appended in package order.
    for (size_t i = 0; i < p.packages.size(); ++i) {
      const std::vector<CallEdge> calls = std::move(p.shares[i]->calls_);
      Absorb(std::move(*p.shares[i]));
      main.AbsorbCalls(*p.builders[i], calls, visible[i]);
      main.Absorb(std::move(*p.builders[i]));
    }
    main.Finish([&] {
      p.builders.clear();
      p.shares.clear();
    });
  });
  in_progress_.reset();
}

}  // namespace mw::sema
