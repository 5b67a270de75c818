#include "sema/resolve.h"

#include <algorithm>

#include "base/strings.h"

namespace mw::sema {
namespace {

using namespace syntax;  // NOLINT: this file walks the syntax tree throughout

// The value of a string literal (struct tags), or false if it uses an
// escape this reader does not handle.
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

// An integer literal's value ("0x10", "1_000"), or -1.
int64_t IntLiteral(const Node* e) {
  const BasicLit* b = e->DynAs<BasicLit>();
  if (b == nullptr || b->kind != Token::kInt) return -1;
  std::string digits;
  for (char c : b->value) {
    if (c != '_') digits.push_back(c);
  }
  if (digits.size() > 2 && (digits[1] == 'o' || digits[1] == 'O')) digits.erase(1, 1);
  if (digits.size() > 2 && (digits[1] == 'b' || digits[1] == 'B')) {
    auto v = ParseInt64(std::string_view(digits).substr(2), 2);
    return v ? *v : -1;
  }
  auto v = ParseInt64(digits, 0);
  return v ? *v : -1;
}

}  // namespace

PackageResolver::PackageResolver(TypeStore* types, std::string pkg_path)
    : types_(types), pkg_path_(std::move(pkg_path)) {
  universe_ = NewUniverse(&pool_, types_);
  package_ = pool_.NewScope(universe_);
}

void PackageResolver::Resolve(const std::vector<const ParsedFile*>& files) {
  // The walk recurses once per level of nesting, and a chain of binary
  // operators nests as deep as it is long: give it the parser's stack.
  RunWithLargeStack([&] { ResolveOnThisStack(files); });
}

void PackageResolver::ResolveOnThisStack(const std::vector<const ParsedFile*>& files) {
  std::vector<Scope*> file_scopes;
  for (const ParsedFile* pf : files) {
    Scope* fs = pool_.NewScope(package_);
    file_scopes.push_back(fs);
    if (pf->file != nullptr) Collect(pf->file, fs);
  }
  type_uses_.assign(files.size(), {});
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i]->file == nullptr) continue;
    current_ = &type_uses_[i];
    for (const Decl* d : files[i]->file->decls) Walk(d, file_scopes[i]);
    std::stable_sort(type_uses_[i].begin(), type_uses_[i].end(),
                     [](const TypeUse& a, const TypeUse& b) { return a.pos < b.pos; });
  }
  current_ = nullptr;
}

// Package-level declarations go into the package scope; imports into the
// file's scope.
void PackageResolver::Collect(const File* f, Scope* file_scope) {
  for (const Decl* d : f->decls) {
    if (const FuncDecl* fd = d->DynAs<FuncDecl>()) {
      if (fd->recv == nullptr && fd->name->name != "init") {
        Object* o = pool_.New(ObjectKind::kFunc, std::string(fd->name->name));
        o->decl = fd;
        o->pos = fd->name->name_pos;
        package_->Insert(o);
      }
      continue;
    }
    const GenDecl* g = d->DynAs<GenDecl>();
    if (g == nullptr) continue;
    for (const Spec* s : g->specs) {
      if (const ImportSpec* is = s->DynAs<ImportSpec>()) {
        std::string name;
        if (is->name != nullptr) {
          name = std::string(is->name->name);
        } else {
          std::string_view path = is->path->value;
          if (path.size() >= 2) path = path.substr(1, path.size() - 2);
          name = std::string(path.substr(path.rfind('/') + 1));
        }
        if (name == "." || name == "_") continue;  // dot imports are not resolved yet
        file_scope->Insert(pool_.New(ObjectKind::kPkgName, name));
      } else if (const TypeSpec* ts = s->DynAs<TypeSpec>()) {
        Object* o = pool_.New(ObjectKind::kTypeName, std::string(ts->name->name));
        o->decl = ts;
        o->pos = ts->name->name_pos;
        o->is_alias = ts->assign != kNoPos;
        decl_scopes_[o] = package_;
        package_->Insert(o);
      } else if (const ValueSpec* vs = s->DynAs<ValueSpec>()) {
        for (const Ident* id : vs->names) {
          Object* o = pool_.New(g->tok == Token::kConst ? ObjectKind::kConst : ObjectKind::kVar,
                                std::string(id->name));
          o->decl = vs;
          o->pos = id->name_pos;
          package_->Insert(o);
        }
      }
    }
  }
}

std::vector<const Type*> PackageResolver::DeclareTypeParams(const FieldList* tparams,
                                                            Scope* scope) {
  std::vector<const Type*> out;
  if (tparams == nullptr) return out;
  // Declare all first: constraints may refer to any of them.
  std::vector<std::pair<Type*, const Node*>> made;
  for (const Field* f : tparams->list) {
    for (const Ident* id : f->names) {
      Type* tp = types_->NewTypeParam(std::string(id->name), nullptr);
      Object* o = pool_.New(ObjectKind::kTypeName, std::string(id->name));
      o->type = tp;
      o->pos = id->name_pos;
      scope->Insert(o);
      made.emplace_back(tp, f->type);
      out.push_back(tp);
    }
  }
  for (auto& [tp, constraint] : made) tp->constraint = TypeOf(constraint, scope);
  return out;
}

// The type a named declaration denotes, resolving it on first use.
const Type* PackageResolver::NamedOf(Object* obj) {
  if (obj->type != nullptr) return obj->type;
  const TypeSpec* ts = obj->decl != nullptr ? obj->decl->DynAs<TypeSpec>() : nullptr;
  if (ts == nullptr) return nullptr;
  const Scope* scope = decl_scopes_[obj];
  if (obj->is_alias) {
    if (!resolving_.insert(obj).second) return nullptr;  // an invalid alias cycle
    obj->type = TypeOf(ts->type, scope);
    resolving_.erase(obj);
    return obj->type;
  }
  // Create the named type first, so that recursive uses find it.
  Type* named = types_->NewNamed(pkg_path_, std::string(ts->name->name));
  obj->type = named;
  Scope* tp_scope = pool_.NewScope(scope);
  named->type_params = DeclareTypeParams(ts->type_params, tp_scope);
  const Type* under = TypeOf(ts->type, tp_scope);
  // In an invalid cycle (type A B; type B A) the underlying type stays unknown.
  if (under != nullptr && under->Underlying()->kind != TypeKind::kNamed) {
    named->underlying = under->Underlying();
  }
  return named;
}

const Type* PackageResolver::FuncTypeOf(const FuncType* f, const Scope* scope) {
  auto vars = [&](const FieldList* l, std::vector<Var>* out, bool* variadic) -> bool {
    if (l == nullptr) return true;
    for (const Field* field : l->list) {
      const Node* te = field->type;
      bool dots = false;
      if (const Ellipsis* e = te->DynAs<Ellipsis>()) {
        te = e->elt;
        dots = true;
      }
      const Type* t = TypeOf(te, scope);
      if (t == nullptr) return false;
      if (dots) {
        t = types_->Slice(t);
        if (variadic) *variadic = true;
      }
      if (field->names.empty()) {
        out->emplace_back("", t);
      } else {
        for (const Ident* id : field->names) out->emplace_back(std::string(id->name), t);
      }
    }
    return true;
  };
  std::vector<Var> params, results;
  bool variadic = false;
  if (!vars(f->params, &params, &variadic) || !vars(f->results, &results, nullptr)) {
    return nullptr;
  }
  return types_->Signature(std::move(params), std::move(results), variadic);
}

// The type denoted by a type expression, or null when it depends on
// something not resolved yet (imports, constant expressions, unions).
const Type* PackageResolver::TypeOf(const Node* e, const Scope* scope) {
  if (e == nullptr) return nullptr;
  switch (e->kind) {
    case NodeKind::kIdent: {
      Object* o = scope->Lookup(e->As<Ident>()->name);
      if (o == nullptr || o->kind != ObjectKind::kTypeName) return nullptr;
      return NamedOf(o);
    }
    case NodeKind::kParenExpr:
      return TypeOf(e->As<ParenExpr>()->x, scope);
    case NodeKind::kStarExpr: {
      const Type* t = TypeOf(e->As<StarExpr>()->x, scope);
      return t ? types_->Pointer(t) : nullptr;
    }
    case NodeKind::kArrayType: {
      const ArrayType* a = e->As<ArrayType>();
      const Type* elt = TypeOf(a->elt, scope);
      if (elt == nullptr) return nullptr;
      if (a->len == nullptr) return types_->Slice(elt);
      int64_t n = IntLiteral(a->len);
      return n >= 0 ? types_->Array(n, elt) : nullptr;
    }
    case NodeKind::kMapType: {
      const MapType* m = e->As<MapType>();
      const Type* k = TypeOf(m->key, scope);
      const Type* v = TypeOf(m->value, scope);
      return k && v ? types_->Map(k, v) : nullptr;
    }
    case NodeKind::kChanType: {
      const ChanType* c = e->As<ChanType>();
      const Type* v = TypeOf(c->value, scope);
      if (v == nullptr) return nullptr;
      ChanDir dir = c->dir == kChanSend   ? ChanDir::kSendOnly
                    : c->dir == kChanRecv ? ChanDir::kRecvOnly
                                          : ChanDir::kSendRecv;
      return types_->Chan(dir, v);
    }
    case NodeKind::kFuncType:
      return FuncTypeOf(e->As<FuncType>(), scope);
    case NodeKind::kStructType: {
      std::vector<Var> fields;
      for (const Field* f : e->As<StructType>()->fields->list) {
        const Type* t = TypeOf(f->type, scope);
        if (t == nullptr) return nullptr;
        std::string tag;
        if (f->tag != nullptr && !Unquote(f->tag->value, &tag)) return nullptr;
        if (f->names.empty()) {
          // An embedded field is named after its type.
          const Node* te = f->type;
          if (const StarExpr* s = te->DynAs<StarExpr>()) te = s->x;
          const Ident* id = te->DynAs<Ident>();
          if (id == nullptr) return nullptr;
          fields.emplace_back(std::string(id->name), t, true, tag);
        } else {
          for (const Ident* id : f->names)
            fields.emplace_back(std::string(id->name), t, false, tag);
        }
      }
      return types_->Struct(std::move(fields));
    }
    case NodeKind::kInterfaceType: {
      std::vector<Method> methods;
      std::vector<const Type*> embeddeds;
      for (const Field* f : e->As<InterfaceType>()->methods->list) {
        if (f->names.empty()) {
          const Type* t = TypeOf(f->type, scope);
          if (t == nullptr) return nullptr;
          embeddeds.push_back(t);
          continue;
        }
        const Type* sig = FuncTypeOf(f->type->As<FuncType>(), scope);
        if (sig == nullptr) return nullptr;
        methods.emplace_back(std::string(f->names[0]->name), pkg_path_, sig);
      }
      // Embedded interfaces are kept as written; go/types prints them so.
      return types_->Interface(std::move(methods), std::move(embeddeds));
    }
    case NodeKind::kIndexExpr:
    case NodeKind::kIndexListExpr: {
      const Node* x = e->Is<IndexExpr>() ? e->As<IndexExpr>()->x : e->As<IndexListExpr>()->x;
      const Type* generic = TypeOf(x, scope);
      if (generic == nullptr || generic->kind != TypeKind::kNamed || generic->type_params.empty()) {
        return nullptr;
      }
      std::vector<const Type*> args;
      if (e->Is<IndexExpr>()) {
        args.push_back(TypeOf(e->As<IndexExpr>()->index, scope));
      } else {
        for (const Node* a : e->As<IndexListExpr>()->indices) args.push_back(TypeOf(a, scope));
      }
      for (const Type* a : args) {
        if (a == nullptr) return nullptr;
      }
      return types_->Instance(generic, std::move(args));
    }
    default:
      return nullptr;  // qualified identifiers, unions, constant lengths: not yet
  }
}

void PackageResolver::Use(const Ident* id, const Scope* scope) {
  Object* o = scope->Lookup(id->name);
  if (o == nullptr || o->kind != ObjectKind::kTypeName) return;
  if (const Type* t = NamedOf(o)) current_->push_back({id->name_pos, t});
}

void PackageResolver::Declare(const Ident* id, ObjectKind kind, Scope* scope) {
  Object* o = pool_.New(kind, std::string(id->name));
  o->pos = id->name_pos;
  scope->Insert(o);
}

void PackageResolver::WalkFieldTypes(const FieldList* l, Scope* scope) {
  if (l == nullptr) return;
  for (const Field* f : l->list) Walk(f->type, scope);
}

// Parameters are in scope only in the body, not in the signature:
// func(string string) string returns the type string.
void PackageResolver::WalkFuncType(const FuncType* f, Scope* scope, bool declare) {
  WalkFieldTypes(f->params, scope);
  WalkFieldTypes(f->results, scope);
  if (!declare) return;
  for (const FieldList* l : {f->params, f->results}) {
    if (l == nullptr) continue;
    for (const Field* field : l->list) {
      for (const Ident* id : field->names) Declare(id, ObjectKind::kVar, scope);
    }
  }
}

// Walks a node, tracking lexical scopes as go/types opens them, and records
// the uses of type names.
void PackageResolver::Walk(const Node* n, Scope* scope) {
  if (n == nullptr) return;
  switch (n->kind) {
    case NodeKind::kIdent:
      Use(n->As<Ident>(), scope);
      return;
    case NodeKind::kFuncDecl: {
      const FuncDecl* fd = n->As<FuncDecl>();
      Scope* fs = pool_.NewScope(scope);
      if (fd->recv != nullptr) {
        for (const Field* f : fd->recv->list) {
          // Receiver type parameters (func (l *List[T]) ...) are declared here.
          const Node* t = f->type;
          if (const StarExpr* s = t->DynAs<StarExpr>()) t = s->x;
          std::vector<const Node*> params;
          if (const IndexExpr* ix = t->DynAs<IndexExpr>()) {
            Walk(ix->x, scope);
            params.push_back(ix->index);
          } else if (const IndexListExpr* il = t->DynAs<IndexListExpr>()) {
            Walk(il->x, scope);
            for (const Node* p : il->indices) params.push_back(p);
          } else {
            Walk(t, scope);
          }
          for (const Node* p : params) {
            if (const Ident* id = p->DynAs<Ident>()) {
              Object* o = pool_.New(ObjectKind::kTypeName, std::string(id->name));
              o->type = types_->NewTypeParam(std::string(id->name), nullptr);
              fs->Insert(o);
              current_->push_back({id->name_pos, o->type});
            }
          }
        }
      }
      DeclareTypeParams(fd->type->type_params, fs);
      WalkFieldTypes(fd->type->type_params, fs);
      WalkFuncType(fd->type, fs, /*declare=*/true);
      if (fd->recv != nullptr) {
        for (const Field* f : fd->recv->list) {
          for (const Ident* id : f->names) Declare(id, ObjectKind::kVar, fs);
        }
      }
      if (fd->body != nullptr) {
        for (const Stmt* s : fd->body->list) Walk(s, fs);
      }
      return;
    }
    case NodeKind::kFuncLit: {
      const FuncLit* fl = n->As<FuncLit>();
      Scope* fs = pool_.NewScope(scope);
      WalkFuncType(fl->type, fs, /*declare=*/true);
      for (const Stmt* s : fl->body->list) Walk(s, fs);
      return;
    }
    case NodeKind::kGenDecl: {
      const GenDecl* g = n->As<GenDecl>();
      const bool local = scope != package_ && scope->parent() != package_;
      for (const Spec* s : g->specs) {
        if (const TypeSpec* ts = s->DynAs<TypeSpec>()) {
          if (local) {
            // A local type: in scope from its own name on.
            Object* o = pool_.New(ObjectKind::kTypeName, std::string(ts->name->name));
            o->decl = ts;
            o->pos = ts->name->name_pos;
            o->is_alias = ts->assign != kNoPos;
            decl_scopes_[o] = scope;
            scope->Insert(o);
          }
          Scope* tps = pool_.NewScope(scope);
          DeclareTypeParams(ts->type_params, tps);
          WalkFieldTypes(ts->type_params, tps);
          Walk(ts->type, tps);
        } else if (const ValueSpec* vs = s->DynAs<ValueSpec>()) {
          Walk(vs->type, scope);
          for (const Node* v : vs->values) Walk(v, scope);
          if (local) {
            for (const Ident* id : vs->names) {
              Declare(id, g->tok == Token::kConst ? ObjectKind::kConst : ObjectKind::kVar, scope);
            }
          }
        }
      }
      return;
    }
    case NodeKind::kBlockStmt: {
      Scope* bs = pool_.NewScope(scope);
      for (const Stmt* s : n->As<BlockStmt>()->list) Walk(s, bs);
      return;
    }
    case NodeKind::kIfStmt: {
      const IfStmt* s = n->As<IfStmt>();
      Scope* is = pool_.NewScope(scope);
      Walk(s->init, is);
      Walk(s->cond, is);
      Walk(s->body, is);
      Walk(s->else_stmt, is);
      return;
    }
    case NodeKind::kForStmt: {
      const ForStmt* s = n->As<ForStmt>();
      Scope* fs = pool_.NewScope(scope);
      Walk(s->init, fs);
      Walk(s->cond, fs);
      Walk(s->post, fs);
      Walk(s->body, fs);
      return;
    }
    case NodeKind::kRangeStmt: {
      const RangeStmt* s = n->As<RangeStmt>();
      Walk(s->x, scope);
      Scope* rs = pool_.NewScope(scope);
      for (const Node* kv : {s->key, s->value}) {
        if (kv == nullptr) continue;
        const Ident* id = kv->DynAs<Ident>();
        if (s->tok == Token::kDefine && id != nullptr) {
          Declare(id, ObjectKind::kVar, rs);
        } else {
          Walk(kv, scope);
        }
      }
      Walk(s->body, rs);
      return;
    }
    case NodeKind::kSwitchStmt: {
      const SwitchStmt* s = n->As<SwitchStmt>();
      Scope* ss = pool_.NewScope(scope);
      Walk(s->init, ss);
      Walk(s->tag, ss);
      for (const Stmt* c : s->body->list) Walk(c, ss);
      return;
    }
    case NodeKind::kTypeSwitchStmt: {
      const TypeSwitchStmt* s = n->As<TypeSwitchStmt>();
      Scope* ss = pool_.NewScope(scope);
      Walk(s->init, ss);
      const Ident* bound = nullptr;
      if (const AssignStmt* a = s->assign->DynAs<AssignStmt>()) {
        bound = a->lhs[0]->DynAs<Ident>();
        for (const Node* r : a->rhs) Walk(r, ss);
      } else {
        Walk(s->assign, ss);
      }
      for (const Stmt* c : s->body->list) {
        const CaseClause* cc = c->As<CaseClause>();
        for (const Node* t : cc->list) Walk(t, ss);
        Scope* cs = pool_.NewScope(ss);
        if (bound != nullptr) Declare(bound, ObjectKind::kVar, cs);
        for (const Stmt* b : cc->body) Walk(b, cs);
      }
      return;
    }
    case NodeKind::kCaseClause: {
      const CaseClause* c = n->As<CaseClause>();
      for (const Node* e : c->list) Walk(e, scope);
      Scope* cs = pool_.NewScope(scope);
      for (const Stmt* s : c->body) Walk(s, cs);
      return;
    }
    case NodeKind::kCommClause: {
      const CommClause* c = n->As<CommClause>();
      Scope* cs = pool_.NewScope(scope);
      Walk(c->comm, cs);
      for (const Stmt* s : c->body) Walk(s, cs);
      return;
    }
    case NodeKind::kSelectStmt:
      for (const Stmt* c : n->As<SelectStmt>()->body->list) Walk(c, scope);
      return;
    case NodeKind::kAssignStmt: {
      const AssignStmt* a = n->As<AssignStmt>();
      for (const Node* r : a->rhs) Walk(r, scope);
      for (const Node* l : a->lhs) {
        const Ident* id = l->DynAs<Ident>();
        if (a->tok == Token::kDefine && id != nullptr) {
          if (scope->LookupLocal(id->name) == nullptr) Declare(id, ObjectKind::kVar, scope);
        } else {
          Walk(l, scope);
        }
      }
      return;
    }
    case NodeKind::kDeclStmt:
      Walk(n->As<DeclStmt>()->decl, scope);
      return;
    case NodeKind::kLabeledStmt:
      Walk(n->As<LabeledStmt>()->stmt, scope);
      return;
    case NodeKind::kExprStmt:
      Walk(n->As<ExprStmt>()->x, scope);
      return;
    case NodeKind::kSendStmt:
      Walk(n->As<SendStmt>()->chan, scope);
      Walk(n->As<SendStmt>()->value, scope);
      return;
    case NodeKind::kIncDecStmt:
      Walk(n->As<IncDecStmt>()->x, scope);
      return;
    case NodeKind::kGoStmt:
      Walk(n->As<GoStmt>()->call, scope);
      return;
    case NodeKind::kDeferStmt:
      Walk(n->As<DeferStmt>()->call, scope);
      return;
    case NodeKind::kReturnStmt:
      for (const Node* r : n->As<ReturnStmt>()->results) Walk(r, scope);
      return;
    case NodeKind::kSelectorExpr:
      Walk(n->As<SelectorExpr>()->x, scope);
      return;
    case NodeKind::kCompositeLit: {
      const CompositeLit* c = n->As<CompositeLit>();
      Walk(c->type, scope);
      for (const Node* e : c->elts) {
        if (const KeyValueExpr* kv = e->DynAs<KeyValueExpr>()) {
          // An identifier key may name a struct field, not a variable.
          if (!kv->key->Is<Ident>()) Walk(kv->key, scope);
          Walk(kv->value, scope);
        } else {
          Walk(e, scope);
        }
      }
      return;
    }
    case NodeKind::kStructType:
      WalkFieldTypes(n->As<StructType>()->fields, scope);
      return;
    case NodeKind::kInterfaceType:
      WalkFieldTypes(n->As<InterfaceType>()->methods, scope);
      return;
    case NodeKind::kFuncType:
      WalkFuncType(n->As<FuncType>(), scope, /*declare=*/false);
      return;
    case NodeKind::kParenExpr:
      Walk(n->As<ParenExpr>()->x, scope);
      return;
    case NodeKind::kStarExpr:
      Walk(n->As<StarExpr>()->x, scope);
      return;
    case NodeKind::kUnaryExpr:
      Walk(n->As<UnaryExpr>()->x, scope);
      return;
    case NodeKind::kBinaryExpr:
      Walk(n->As<BinaryExpr>()->x, scope);
      Walk(n->As<BinaryExpr>()->y, scope);
      return;
    case NodeKind::kKeyValueExpr:
      Walk(n->As<KeyValueExpr>()->key, scope);
      Walk(n->As<KeyValueExpr>()->value, scope);
      return;
    case NodeKind::kCallExpr:
      Walk(n->As<CallExpr>()->fun, scope);
      for (const Node* a : n->As<CallExpr>()->args) Walk(a, scope);
      return;
    case NodeKind::kIndexExpr:
      Walk(n->As<IndexExpr>()->x, scope);
      Walk(n->As<IndexExpr>()->index, scope);
      return;
    case NodeKind::kIndexListExpr:
      Walk(n->As<IndexListExpr>()->x, scope);
      for (const Node* i : n->As<IndexListExpr>()->indices) Walk(i, scope);
      return;
    case NodeKind::kSliceExpr: {
      const SliceExpr* s = n->As<SliceExpr>();
      Walk(s->x, scope);
      Walk(s->low, scope);
      Walk(s->high, scope);
      Walk(s->max, scope);
      return;
    }
    case NodeKind::kTypeAssertExpr:
      Walk(n->As<TypeAssertExpr>()->x, scope);
      Walk(n->As<TypeAssertExpr>()->type, scope);
      return;
    case NodeKind::kArrayType:
      Walk(n->As<ArrayType>()->len, scope);
      Walk(n->As<ArrayType>()->elt, scope);
      return;
    case NodeKind::kMapType:
      Walk(n->As<MapType>()->key, scope);
      Walk(n->As<MapType>()->value, scope);
      return;
    case NodeKind::kChanType:
      Walk(n->As<ChanType>()->value, scope);
      return;
    case NodeKind::kEllipsis:
      Walk(n->As<Ellipsis>()->elt, scope);
      return;
    default:
      return;  // literals, comments, bad nodes, empty and branch statements
  }
}

void DumpTypeUses(const std::vector<const ParsedFile*>& files, const std::string& pkg_path,
                  std::string* out) {
  TypeStore types;
  PackageResolver resolver(&types, pkg_path);
  resolver.Resolve(files);
  for (size_t i = 0; i < files.size(); ++i) {
    for (const TypeUse& u : resolver.type_uses()[i]) {
      LineCol lc = files[i]->source->Position(u.pos);
      *out += files[i]->source->path() + ":" + std::to_string(lc.line) + ":" +
              std::to_string(lc.column) + " ident type " + TypeString(u.type, types) + "\n";
    }
  }
}

}  // namespace mw::sema
