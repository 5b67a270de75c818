// Package-level declarations: collecting objects, typing them on first use,
// and the types that type expressions denote.
#include <algorithm>

#include "base/strings.h"
#include "sema/checker.h"

namespace mw::sema {

using namespace syntax;  // NOLINT: this file walks the syntax tree throughout

namespace {

// The value of a string literal (struct tags, import paths), or false if it
// uses an escape this reader does not handle.
bool Unquote(std::string_view lit, std::string* out) {
  if (lit.size() < 2) return false;
  if (lit.front() == '`') {
    out->assign(lit.substr(1, lit.size() - 2));
    return true;
  }
  out->clear();
  for (size_t i = 1; i + 1 < lit.size(); ++i) {
    char c = lit[i];
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (++i + 1 > lit.size() - 1) return false;
    switch (lit[i]) {
      case 'n':
        out->push_back('\n');
        break;
      case 't':
        out->push_back('\t');
        break;
      case '"':
        out->push_back('"');
        break;
      case '\\':
        out->push_back('\\');
        break;
      default:
        return false;
    }
  }
  return true;
}

// The base type name of a receiver type expression: T, *T, T[P], *T[P].
const syntax::Ident* ReceiverBase(const Node* t, std::vector<const Node*>* type_params) {
  if (const ParenExpr* p = t->DynAs<ParenExpr>()) t = p->x;
  if (const StarExpr* s = t->DynAs<StarExpr>()) t = s->x;
  if (const ParenExpr* p = t->DynAs<ParenExpr>()) t = p->x;
  if (const IndexExpr* ix = t->DynAs<IndexExpr>()) {
    type_params->push_back(ix->index);
    t = ix->x;
  } else if (const IndexListExpr* il = t->DynAs<IndexListExpr>()) {
    for (const Node* p : il->indices) type_params->push_back(p);
    t = il->x;
  }
  return t->DynAs<syntax::Ident>();
}

}  // namespace

Checker::Checker(Program* program, Package* pkg, bool bodies)
    : program_(program), pkg_(pkg), store_(&program->types()), info_(&pkg->info), bodies_(bodies) {}

void Checker::CollectDecls() {
  pkg_->scope = NewScope(program_->universe());
  if (bodies_) {
    // Types and uses by node id; about one definition per 64 bytes of source.
    size_t bytes = 0;
    uint32_t id_end = 0;
    for (const ParsedFile* pf : pkg_->files) {
      bytes += pf->source->size();
      id_end = std::max(id_end, pf->node_id_end);
    }
    info_->types.reserve_ids(id_end);
    info_->uses.reserve_ids(id_end);
    info_->defs.reserve(bytes / 64);
  }
  size_t names = 0;
  for (const ParsedFile* pf : pkg_->files) {
    if (pf->file == nullptr) continue;
    for (const Decl* d : pf->file->decls) {
      if (const syntax::LazyDecl* ld = d->DynAs<syntax::LazyDecl>()) {
        names += ld->names.size;
      } else if (const GenDecl* g = d->DynAs<GenDecl>()) {
        names += g->specs.size;  // a name or more each
      } else {
        ++names;
      }
    }
  }
  pkg_->scope->Reserve(names);
  for (size_t i = 0; i < pkg_->files.size(); ++i) {
    const ParsedFile* pf = pkg_->files[i];
    Scope* fs = NewScope(pkg_->scope);
    pkg_->file_scopes.push_back(fs);
    if (pf->file == nullptr) continue;
    if (pkg_->name.empty()) pkg_->name = std::string(pf->file->name->name);
    current_file_ = pf;
    CollectFile(i, pf->file, fs);
  }
  // Methods attach to their base types once every file's types are known.
  for (size_t i = 0; i < pkg_->files.size(); ++i) {
    const File* f = pkg_->files[i]->file;
    if (f == nullptr) continue;
    for (const Decl* d : f->decls) {
      const FuncDecl* fd = d->DynAs<FuncDecl>();
      if (fd != nullptr && fd->recv != nullptr) CollectMethod(fd, pkg_->file_scopes[i]);
      const syntax::LazyDecl* ld = d->DynAs<syntax::LazyDecl>();
      if (ld != nullptr && ld->is_method) CollectLazyMethod(ld, pkg_->file_scopes[i]);
    }
  }
}

void Checker::CollectImports() {
  std::vector<std::pair<size_t, const syntax::ImportSpec*>> pending;
  pending.swap(pending_imports_);
  for (const auto& [file, is] : pending) {
    current_file_ = pkg_->files[file];
    Scope* file_scope = pkg_->file_scopes[file];
    std::string path;
    if (!Unquote(is->path->value, &path)) continue;
    Package* imported = program_->Import(path, pkg_->dir);
    if (imported == nullptr && bodies_ && path != "C" && program_->loads_imports()) {
      pkg_->unresolved_imports.emplace_back(current_file_, is->path);
    }
    std::string name;
    if (is->name != nullptr) {
      name = std::string(is->name->name);
    } else if (imported != nullptr && !imported->name.empty()) {
      name = imported->name;
    } else {
      name = path.substr(path.rfind('/') + 1);
    }
    if (name == "_") continue;
    if (name == ".") {
      // A dot import declares the package's exported names in the file.
      if (imported == nullptr || imported->scope == nullptr) continue;
      imported->scope->ForEach([&](Object* obj) {
        if (syntax::IsExported(obj->name)) {
          file_scope->Insert(obj);
        }
      });
      continue;
    }
    Object* o = pool_.New(ObjectKind::kPkgName, name);
    o->imported = imported;
    o->pos = is->Start();
    file_scope->Insert(o);
  }
}

void Checker::LoadImports() {
  for (const ParsedFile* pf : pkg_->files) {
    if (pf->file == nullptr) continue;
    for (const Decl* d : pf->file->decls) {
      const GenDecl* g = d->DynAs<GenDecl>();
      if (g == nullptr) continue;
      for (const Spec* s : g->specs) {
        const ImportSpec* is = s->DynAs<ImportSpec>();
        std::string path;
        if (is != nullptr && Unquote(is->path->value, &path)) program_->Import(path, pkg_->dir);
      }
    }
  }
}

void Checker::CollectFile(size_t file_index, const File* f, Scope* file_scope) {
  auto declare = [&](ObjectKind kind, const syntax::Ident* id, const Node* decl) {
    Object* o = pool_.New(kind, std::string(id->name));
    o->decl = decl;
    o->pos = id->name_pos;
    o->pkg = pkg_;
    o->scope = file_scope;
    pkg_->scope->Insert(o);
    if (bodies_) info_->defs[id] = o;
    return o;
  };
  for (const Decl* d : f->decls) {
    if (const syntax::LazyDecl* ld = d->DynAs<syntax::LazyDecl>()) {
      CollectLazyDecl(ld, file_scope);
      continue;
    }
    if (const FuncDecl* fd = d->DynAs<FuncDecl>()) {
      if (fd->recv == nullptr && fd->name->name != "init" && fd->name->name != "_") {
        declare(ObjectKind::kFunc, fd->name, fd);
      } else if (fd->recv == nullptr && bodies_) {
        // init and blank functions are checked but never named.
        Object* o = pool_.New(ObjectKind::kFunc, std::string(fd->name->name));
        o->decl = fd;
        o->pkg = pkg_;
        o->scope = file_scope;
        info_->defs[fd->name] = o;
      }
      continue;
    }
    const GenDecl* g = d->DynAs<GenDecl>();
    if (g == nullptr) continue;
    const syntax::ValueSpec* last_values = nullptr;
    int64_t iota = 0;
    for (const Spec* s : g->specs) {
      if (const ImportSpec* is = s->DynAs<ImportSpec>()) {
        pending_imports_.emplace_back(file_index, is);
      } else if (const TypeSpec* ts = s->DynAs<TypeSpec>()) {
        Object* o = declare(ObjectKind::kTypeName, ts->name, ts);
        o->is_alias = ts->assign != kNoPos;
      } else if (const syntax::ValueSpec* vs = s->DynAs<syntax::ValueSpec>()) {
        const bool is_const = g->tok == Token::kConst;
        if (is_const && (vs->type != nullptr || !vs->values.empty())) last_values = vs;
        const syntax::ValueSpec* src = is_const ? last_values : vs;
        for (size_t i = 0; i < vs->names.size; ++i) {
          Object* o = declare(is_const ? ObjectKind::kConst : ObjectKind::kVar, vs->names[i], vs);
          SetValueParts(o, vs, src, i, iota);
        }
        ++iota;
      }
    }
  }
}

// What a package-level var or const reads when it is resolved: it is
// name `i` of `vs`, typed and valued by `src` (`vs` itself, or for a
// constant without them the last spec of its group with a type or values),
// with `iota` its spec's index in the group.
void Checker::SetValueParts(Object* o, const syntax::ValueSpec* vs, const syntax::ValueSpec* src,
                            size_t i, int64_t iota) {
  o->decl = vs;
  o->iota = iota;
  if (src == nullptr) return;
  o->type_expr = src->type;
  if (src->values.size == vs->names.size && i < src->values.size) {
    o->init = src->values[i];
  } else if (src->values.size == 1 && o->kind != ObjectKind::kConst) {
    o->init = src->values[0];
    o->init_index = static_cast<int>(i);
  }
}

void Checker::CollectMethod(const FuncDecl* fd, Scope* file_scope) {
  if (fd->recv->list.empty()) return;
  std::vector<const Node*> tparams;
  const syntax::Ident* base = ReceiverBase(fd->recv->list[0]->type, &tparams);
  if (base == nullptr) return;
  Object* type_obj = pkg_->scope->LookupLocal(base->name);
  if (type_obj != nullptr && type_obj->kind != ObjectKind::kTypeName) type_obj = nullptr;
  Object* m = pool_.New(ObjectKind::kFunc, std::string(fd->name->name));
  m->decl = fd;
  m->pos = fd->name->name_pos;
  m->pkg = pkg_;
  m->scope = file_scope;
  const Node* rt = fd->recv->list[0]->type;
  if (const ParenExpr* p = rt->DynAs<ParenExpr>()) rt = p->x;
  m->pointer_recv = rt->Is<StarExpr>();
  if (bodies_) info_->defs[fd->name] = m;
  if (type_obj != nullptr) Program::AddMethod(type_obj, m);
}

std::vector<const Type*> Checker::DeclareTypeParams(const FieldList* tparams, Scope* scope) {
  std::vector<const Type*> out;
  if (tparams == nullptr) return out;
  // Declare all first: constraints may refer to any of them.
  std::vector<std::pair<Type*, const Node*>> made;
  for (const Field* f : tparams->list) {
    for (const syntax::Ident* id : f->names) {
      Type* tp = store_->NewTypeParam(std::string(id->name), nullptr);
      Object* o = pool_.New(ObjectKind::kTypeName, std::string(id->name));
      o->type = tp;
      o->pos = id->name_pos;
      scope->Insert(o);
      if (bodies_) info_->defs[id] = o;
      made.emplace_back(tp, f->type);
      out.push_back(tp);
    }
  }
  for (auto& [tp, constraint] : made) {
    const Type* c = TypeOf(constraint, scope);
    // A bare type or union as a constraint means interface{ T }.
    if (c != nullptr && Under(c)->kind != TypeKind::kInterface) {
      c = store_->Interface({}, {c}, /*implicit=*/true);
    }
    tp->constraint = c;
  }
  return out;
}

// The type a named declaration denotes, resolving it on first use.
const Type* Checker::NamedOf(Object* obj) {
  if (IsForeign(obj)) {
    if (obj->complete.load(std::memory_order_acquire)) return obj->type;
    std::lock_guard<std::recursive_mutex> lock(store_->lazy_mutex());
    return obj->pkg->checker->NamedOf(obj);
  }
  if (obj->type != nullptr || obj->resolving) return obj->type;
  if (obj->decl != nullptr && obj->decl->Is<syntax::LazyDecl>()) Materialize(obj);
  const TypeSpec* ts = obj->decl != nullptr ? obj->decl->DynAs<TypeSpec>() : nullptr;
  if (ts == nullptr) return nullptr;
  if (obj->is_alias) {
    obj->resolving = true;
    obj->type = TypeOf(ts->type, obj->scope);
    obj->resolving = false;
    if (obj->type != nullptr) obj->complete.store(true, std::memory_order_release);
    return obj->type;
  }
  // Create the named type first, so that recursive uses find it.
  Type* named = store_->NewNamed(pkg_->path, std::string(ts->name->name));
  named->type_name = obj;  // before obj->type publishes the type
  obj->type = named;
  Scope* tp_scope = NewScope(obj->scope);
  named->type_params = DeclareTypeParams(ts->type_params, tp_scope);
  const Type* under = TypeOf(ts->type, tp_scope);
  // In an invalid cycle (type A B; type B A) the underlying type stays unknown.
  if (under != nullptr) {
    const Type* u = Under(under);
    if (u != nullptr && u->kind != TypeKind::kNamed) store_->SetUnderlying(named, u);
  }
  // Instances made while the declaration was read (its own recursive
  // references) get their underlying types now.
  if (!named->type_params.empty()) {
    for (const Type* inst : store_->InstancesOf(named)) FillInstance(store_, inst);
  }
  obj->complete.store(true, std::memory_order_release);
  return named;
}

// A function's or method's signature (methods: without the receiver).
const Type* Checker::FuncSignature(Object* obj) {
  if (IsForeign(obj)) {
    if (obj->complete.load(std::memory_order_acquire)) return obj->type;
    std::lock_guard<std::recursive_mutex> lock(store_->lazy_mutex());
    return obj->pkg->checker->FuncSignature(obj);
  }
  if (obj->type != nullptr || obj->resolving) return obj->type;
  if (obj->decl != nullptr && obj->decl->Is<syntax::LazyDecl>()) Materialize(obj);
  const FuncDecl* fd = obj->decl != nullptr ? obj->decl->DynAs<FuncDecl>() : nullptr;
  if (fd == nullptr) return nullptr;
  obj->resolving = true;
  Scope* fs = NewScope(obj->scope);
  if (fd->recv != nullptr && !fd->recv->list.empty()) {
    std::vector<const Node*> tparams;
    const syntax::Ident* base = ReceiverBase(fd->recv->list[0]->type, &tparams);
    Object* type_obj = base != nullptr ? pkg_->scope->LookupLocal(base->name) : nullptr;
    const Type* generic = type_obj != nullptr ? NamedOf(type_obj) : nullptr;
    for (size_t i = 0; i < tparams.size(); ++i) {
      const syntax::Ident* id = tparams[i]->DynAs<syntax::Ident>();
      if (id == nullptr) continue;
      const Type* constraint = generic != nullptr && i < generic->type_params.size()
                                   ? generic->type_params[i]->constraint
                                   : nullptr;
      Type* tp = store_->NewTypeParam(std::string(id->name), constraint);
      Object* o = pool_.New(ObjectKind::kTypeName, std::string(id->name));
      o->type = tp;
      fs->Insert(o);
      obj->recv_type_params.push_back(tp);
      if (bodies_) info_->uses[id] = o;
    }
  }
  std::vector<const Type*> tps = DeclareTypeParams(fd->type->type_params, fs);
  const Type* sig = FuncTypeOf(fd->type, fs, /*declare_params=*/false);
  if (sig != nullptr && !tps.empty()) {
    Type generic_sig = *sig;
    generic_sig.type_params = tps;
    sig = store_->GenericSignature(std::move(generic_sig));
  }
  obj->type = sig;
  obj->resolving = false;
  if (sig != nullptr) obj->complete.store(true, std::memory_order_release);
  return sig;
}

const Type* Checker::FuncTypeOf(const FuncType* f, Scope* scope, bool declare_params) {
  (void)declare_params;  // parameters are declared by the body checker
  bool ok = true;
  auto vars = [&](const FieldList* l, std::vector<Var>* out, bool* variadic) {
    if (l == nullptr) return;
    for (const Field* field : l->list) {
      const Node* te = field->type;
      bool dots = false;
      if (const Ellipsis* e = te->DynAs<Ellipsis>()) {
        te = e->elt;
        dots = true;
      }
      const Type* t = TypeOf(te, scope);
      if (t == nullptr) {
        ok = false;
        continue;
      }
      if (dots) {
        t = store_->Slice(t);
        if (variadic != nullptr) *variadic = true;
      }
      if (field->names.empty()) {
        out->emplace_back("", t);
      } else {
        for (const syntax::Ident* id : field->names) out->emplace_back(std::string(id->name), t);
      }
    }
  };
  std::vector<Var> params, results;
  bool variadic = false;
  vars(f->params, &params, &variadic);
  vars(f->results, &results, nullptr);
  if (!ok) return nullptr;
  return store_->Signature(std::move(params), std::move(results), variadic);
}

const Type* Checker::StructTypeOf(const StructType* st, const Scope* scope) {
  std::vector<Var> fields;
  bool ok = true;
  for (const Field* f : st->fields->list) {
    const Type* t = TypeOf(f->type, scope);
    std::string tag;
    if (f->tag != nullptr && !Unquote(f->tag->value, &tag)) ok = false;
    if (t == nullptr) ok = false;
    if (f->names.empty()) {
      // An embedded field is named after its type: T, *T, pkg.T, T[A].
      const Node* te = f->type;
      if (const StarExpr* s = te->DynAs<StarExpr>()) te = s->x;
      if (const IndexExpr* ix = te->DynAs<IndexExpr>()) te = ix->x;
      if (const IndexListExpr* il = te->DynAs<IndexListExpr>()) te = il->x;
      if (const SelectorExpr* se = te->DynAs<SelectorExpr>()) te = se->sel;
      const syntax::Ident* id = te->DynAs<syntax::Ident>();
      if (id == nullptr) return nullptr;
      fields.emplace_back(std::string(id->name), t, true, tag);
    } else {
      for (const syntax::Ident* id : f->names) {
        fields.emplace_back(std::string(id->name), t, false, tag);
      }
    }
  }
  if (!ok) return nullptr;
  return store_->Struct(std::move(fields));
}

const Type* Checker::InterfaceTypeOf(const InterfaceType* it, const Scope* scope) {
  std::vector<Method> methods;
  std::vector<const Type*> embeddeds;
  bool ok = true;
  for (const Field* f : it->methods->list) {
    if (f->names.empty()) {
      const Type* t = TypeOf(f->type, scope);
      if (t == nullptr) {
        ok = false;
        continue;
      }
      embeddeds.push_back(t);
      continue;
    }
    const FuncType* ft = f->type->DynAs<FuncType>();
    const Type* sig = ft != nullptr ? FuncTypeOf(ft, NewScope(scope), false) : nullptr;
    if (sig == nullptr) {
      ok = false;
      continue;
    }
    methods.emplace_back(std::string(f->names[0]->name), pkg_->path, sig);
  }
  if (!ok) return nullptr;
  // Embedded interfaces are kept as written; go/types prints them so.
  return store_->Interface(std::move(methods), std::move(embeddeds));
}

const Type* Checker::Instantiate(const Type* generic, std::vector<const Type*> args) {
  // Made and filled in one hold: another thread never sees it unfilled.
  std::lock_guard<std::recursive_mutex> lock(store_->lazy_mutex());
  const Type* inst = store_->Instance(generic, std::move(args));
  FillInstance(store_, inst);
  return inst;
}

// The type denoted by a type expression, or null when it is unknown.
const Type* Checker::TypeOf(const Node* e, const Scope* scope) {
  if (e == nullptr) return nullptr;
  const Type* t = nullptr;
  switch (e->kind) {
    case NodeKind::kIdent: {
      const syntax::Ident* id = e->As<syntax::Ident>();
      Object* o = scope->Lookup(id->name);
      if (o == nullptr) return nullptr;
      if (bodies_) info_->uses[id] = o;
      if (o->kind != ObjectKind::kTypeName) return nullptr;
      t = NamedOf(o);
      if (t == nullptr && !IsForeign(o)) t = o->type;
      break;
    }
    case NodeKind::kSelectorExpr: {
      const SelectorExpr* s = e->As<SelectorExpr>();
      const syntax::Ident* x = s->x->DynAs<syntax::Ident>();
      if (x == nullptr) return nullptr;
      Object* pkg = scope->Lookup(x->name);
      if (pkg == nullptr || pkg->kind != ObjectKind::kPkgName) return nullptr;
      if (bodies_) info_->uses[x] = pkg;
      if (pkg->imported == nullptr || pkg->imported->scope == nullptr) return nullptr;
      Object* o = pkg->imported->scope->LookupLocal(s->sel->name);
      if (o == nullptr || o->kind != ObjectKind::kTypeName) return nullptr;
      if (bodies_) info_->uses[s->sel] = o;
      t = NamedOf(o);  // another package's: read under the lazy mutex
      break;
    }
    case NodeKind::kParenExpr:
      t = TypeOf(e->As<ParenExpr>()->x, scope);
      break;
    case NodeKind::kStarExpr: {
      const Type* elem = TypeOf(e->As<StarExpr>()->x, scope);
      t = elem ? store_->Pointer(elem) : nullptr;
      break;
    }
    case NodeKind::kArrayType: {
      const ArrayType* a = e->As<ArrayType>();
      const Type* elt = TypeOf(a->elt, scope);
      if (a->len == nullptr) {
        t = elt ? store_->Slice(elt) : nullptr;
        break;
      }
      // The length keeps its untyped type, as in go/types.
      Operand n = Expr(a->len, scope);
      if (elt != nullptr && n.value.known && n.value.value >= 0 && n.value.value <= INT64_MAX) {
        t = store_->Array(static_cast<int64_t>(n.value.value), elt);
      }
      break;
    }
    case NodeKind::kEllipsis:
      t = TypeOf(e->As<Ellipsis>()->elt, scope);
      t = t ? store_->Slice(t) : nullptr;
      break;
    case NodeKind::kMapType: {
      const MapType* m = e->As<MapType>();
      const Type* k = TypeOf(m->key, scope);
      const Type* v = TypeOf(m->value, scope);
      t = k && v ? store_->Map(k, v) : nullptr;
      break;
    }
    case NodeKind::kChanType: {
      const ChanType* c = e->As<ChanType>();
      const Type* v = TypeOf(c->value, scope);
      ChanDir dir = c->dir == kChanSend   ? ChanDir::kSendOnly
                    : c->dir == kChanRecv ? ChanDir::kRecvOnly
                                          : ChanDir::kSendRecv;
      t = v ? store_->Chan(dir, v) : nullptr;
      break;
    }
    case NodeKind::kFuncType:
      t = FuncTypeOf(e->As<FuncType>(), NewScope(scope), false);
      break;
    case NodeKind::kStructType:
      t = StructTypeOf(e->As<StructType>(), scope);
      break;
    case NodeKind::kInterfaceType:
      t = InterfaceTypeOf(e->As<InterfaceType>(), scope);
      break;
    case NodeKind::kIndexExpr:
    case NodeKind::kIndexListExpr: {
      const Node* x = e->Is<IndexExpr>() ? e->As<IndexExpr>()->x : e->As<IndexListExpr>()->x;
      const Type* generic = TypeOf(x, scope);
      std::vector<const Type*> args;
      if (const IndexExpr* ix = e->DynAs<IndexExpr>()) {
        args.push_back(TypeOf(ix->index, scope));
      } else {
        for (const Node* a : e->As<IndexListExpr>()->indices) args.push_back(TypeOf(a, scope));
      }
      if (generic == nullptr || generic->kind != TypeKind::kNamed ||
          generic->type_params.size() != args.size()) {
        return nullptr;
      }
      for (const Type* a : args) {
        if (a == nullptr) return nullptr;
      }
      t = Instantiate(generic, std::move(args));
      break;
    }
    case NodeKind::kBinaryExpr:
    case NodeKind::kUnaryExpr: {
      // A union of terms in a constraint: ~int | ~string.
      std::vector<const Type*> terms;
      std::vector<bool> tildes;
      if (!UnionTerms(e, scope, &terms, &tildes)) return nullptr;
      return store_->Union(std::move(terms), std::move(tildes));
    }
    default:
      return nullptr;
  }
  if (t != nullptr && bodies_) info_->types[e] = {Mode::kType, t};
  return t;
}

// The terms of a union (a | b | ~c), flattened; false if one is unknown.
bool Checker::UnionTerms(const Node* e, const Scope* scope, std::vector<const Type*>* terms,
                         std::vector<bool>* tildes) {
  if (const BinaryExpr* b = e->DynAs<BinaryExpr>()) {
    if (b->op != Token::kOr) return false;
    const bool x = UnionTerms(b->x, scope, terms, tildes);
    const bool y = UnionTerms(b->y, scope, terms, tildes);
    return x && y;
  }
  bool tilde = false;
  if (const UnaryExpr* u = e->DynAs<UnaryExpr>()) {
    if (u->op != Token::kTilde) return false;
    tilde = true;
    e = u->x;
  }
  const Type* t = TypeOf(e, scope);
  if (t == nullptr) return false;
  terms->push_back(t);
  tildes->push_back(tilde);
  return true;
}

// The type of a package-level var, const, func or type, on first use.
const Type* Checker::ObjectType(Object* obj) {
  switch (obj->kind) {
    case ObjectKind::kTypeName:
      NamedOf(obj);
      return obj->type;
    case ObjectKind::kFunc:
      // Another package's functions all have declarations, which the lazy
      // mutex guards while they may still be parsed (Materialize).
      if (IsForeign(obj)) return FuncSignature(obj);
      return obj->decl != nullptr ? FuncSignature(obj) : obj->type;
    case ObjectKind::kVar:
    case ObjectKind::kConst:
      if (IsForeign(obj)) {
        if (obj->complete.load(std::memory_order_acquire)) return obj->type;
        std::lock_guard<std::recursive_mutex> lock(store_->lazy_mutex());
        if (!obj->resolved && obj->decl != nullptr) obj->pkg->checker->ResolveValue(obj);
        return obj->type;
      }
      if (!obj->resolved && obj->decl != nullptr && obj->pkg != nullptr) ResolveValue(obj);
      return obj->type;
    default:
      return obj->type;
  }
}

// Types a package-level var or const from its declaration.
void Checker::ResolveValue(Object* obj) {
  if (obj->resolved || obj->resolving) return;
  if (obj->decl != nullptr && obj->decl->Is<syntax::LazyDecl>()) Materialize(obj);
  obj->resolving = true;
  const int64_t saved_iota = iota_;
  if (obj->kind == ObjectKind::kConst) iota_ = obj->iota;
  const Type* declared = obj->type_expr != nullptr ? TypeOf(obj->type_expr, obj->scope) : nullptr;
  if (obj->init == nullptr || (declared != nullptr && !bodies_ && obj->kind == ObjectKind::kVar)) {
    obj->type = declared;
  } else if (obj->init_index >= 0) {
    Operand x = RawExpr(obj->init, obj->scope, nullptr, /*allow_tuple=*/true);
    const TypeList values = Values(x);
    // Every name of `var a, b = f()` is typed from the one evaluation.
    const syntax::ValueSpec* vs = obj->decl->As<syntax::ValueSpec>();
    for (size_t i = 0; i < vs->names.size; ++i) {
      Object* sib = pkg_->scope->LookupLocal(vs->names[i]->name);
      if (sib == nullptr || sib->decl != obj->decl) continue;
      sib->type = declared != nullptr ? declared : i < values.size() ? values[i] : nullptr;
      sib->resolved = true;
      if (sib != obj) sib->complete.store(true, std::memory_order_release);
    }
  } else {
    Operand x = Expr(obj->init, obj->scope, declared);
    if (declared != nullptr) {
      Assign(&x, declared);
      obj->type = declared;
    } else {
      if (obj->kind == ObjectKind::kVar) Convert(&x, nullptr);
      obj->type = x.type;
    }
    if (obj->kind == ObjectKind::kConst) obj->value = x.value;
  }
  iota_ = saved_iota;
  obj->resolving = false;
  obj->resolved = true;
  obj->complete.store(true, std::memory_order_release);
}

// Every package-level declaration in source order, then function bodies,
// as go/types checks a package.
void Checker::CheckBodies() {
  for (size_t i = 0; i < pkg_->files.size(); ++i) {
    const File* f = pkg_->files[i]->file;
    if (f == nullptr) continue;
    for (const Decl* d : f->decls) {
      if (const GenDecl* g = d->DynAs<GenDecl>()) {
        for (const Spec* s : g->specs) {
          if (const TypeSpec* ts = s->DynAs<TypeSpec>()) {
            auto it = info_->defs.find(ts->name);
            if (it != info_->defs.end()) NamedOf(it->second);
          } else if (const syntax::ValueSpec* vs = s->DynAs<syntax::ValueSpec>()) {
            for (const syntax::Ident* id : vs->names) {
              auto it = info_->defs.find(id);
              if (it != info_->defs.end()) ObjectType(it->second);
            }
          }
        }
        continue;
      }
      const FuncDecl* fd = d->DynAs<FuncDecl>();
      if (fd == nullptr) continue;
      auto it = info_->defs.find(fd->name);
      if (it == info_->defs.end()) continue;
      Object* obj = it->second;
      const Type* sig = FuncSignature(obj);
      if (fd->body == nullptr || sig == nullptr) continue;
      // The body's scope: type parameters, receiver and parameters.
      Scope* fs = NewScope(obj->scope);
      if (fd->recv != nullptr && !fd->recv->list.empty()) {
        const Field* recv = fd->recv->list[0];
        std::vector<const Node*> tparams;
        ReceiverBase(recv->type, &tparams);
        for (size_t k = 0; k < tparams.size() && k < obj->recv_type_params.size(); ++k) {
          if (const syntax::Ident* id = tparams[k]->DynAs<syntax::Ident>()) {
            Object* o = pool_.New(ObjectKind::kTypeName, std::string(id->name));
            o->type = obj->recv_type_params[k];
            fs->Insert(o);
          }
        }
      }
      if (fd->type->type_params != nullptr) {
        size_t k = 0;
        for (const Field* field : fd->type->type_params->list) {
          for (const syntax::Ident* id : field->names) {
            if (k >= sig->type_params.size()) break;
            Object* o = pool_.New(ObjectKind::kTypeName, std::string(id->name));
            o->type = sig->type_params[k++];
            fs->Insert(o);
          }
        }
      }
      if (fd->recv != nullptr && !fd->recv->list.empty()) {
        const Field* recv = fd->recv->list[0];
        const Type* rt = TypeOf(recv->type, fs);
        for (const syntax::Ident* id : recv->names) DeclareVar(id, rt, fs);
      }
      size_t pi = 0, ri = 0;
      for (const FieldList* l : {fd->type->params, fd->type->results}) {
        if (l == nullptr) continue;
        const bool params = l == fd->type->params;
        for (const Field* field : l->list) {
          if (field->names.empty()) {
            ++(params ? pi : ri);
            continue;
          }
          for (const syntax::Ident* id : field->names) {
            const std::vector<Var>& vars = params ? sig->fields : sig->results;
            size_t& k = params ? pi : ri;
            DeclareVar(id, k < vars.size() ? vars[k].type : nullptr, fs);
            ++k;
          }
        }
      }
      FuncBody(sig, fd->body, fs);
    }
  }
}

}  // namespace mw::sema
