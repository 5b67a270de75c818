// Imported declarations that were indexed but not parsed (syntax::LazyDecl):
// their objects are collected from the names the index kept, and a
// declaration is parsed the first time one of its objects is resolved.
#include "sema/checker.h"

namespace mw::sema {

using syntax::Decl;
using syntax::FuncDecl;
using syntax::GenDecl;
using syntax::Spec;
using syntax::Token;
using syntax::TypeSpec;

// As CollectFile and CollectMethod would declare the parsed declaration,
// but for what only its parts tell (Materialize sets those).
void Checker::CollectLazyDecl(const syntax::LazyDecl* d, Scope* file_scope) {
  ObjectKind kind;
  switch (d->tok) {
    case Token::kFunc:
      if (d->is_method || d->names[0]->name == "init" || d->names[0]->name == "_") return;
      kind = ObjectKind::kFunc;
      break;
    case Token::kType:
      kind = ObjectKind::kTypeName;
      break;
    case Token::kConst:
      kind = ObjectKind::kConst;
      break;
    default:
      kind = ObjectKind::kVar;
      break;
  }
  for (const syntax::Ident* id : d->names) {
    Object* o = pool_.New(kind, std::string(id->name));
    o->decl = d;
    o->pos = id->name_pos;
    o->pkg = pkg_;
    o->scope = file_scope;
    for (const syntax::Ident* a : d->aliases) o->is_alias |= a == id;
    pkg_->scope->Insert(o);
  }
}

void Checker::CollectLazyMethod(const syntax::LazyDecl* d, Scope* file_scope) {
  Object* type_obj = pkg_->scope->LookupLocal(d->recv_base->name);
  if (type_obj != nullptr && type_obj->kind != ObjectKind::kTypeName) type_obj = nullptr;
  Object* m = pool_.New(ObjectKind::kFunc, std::string(d->names[0]->name));
  m->decl = d;
  m->pos = d->names[0]->name_pos;
  m->pkg = pkg_;
  m->scope = file_scope;
  m->pointer_recv = d->pointer_recv;
  if (type_obj != nullptr) Program::AddMethod(type_obj, m);
}

// Parses the declaration `obj` was collected from and points the objects it
// declares to their parts, as CollectFile does. Called under the lazy
// mutex, before anything of the declaration is read: an object's decl is
// final before its type is published.
void Checker::Materialize(Object* obj) {
  const syntax::LazyDecl* ld = obj->decl->As<syntax::LazyDecl>();
  const Decl* d = syntax::ParseLazyDecl(ld);
  if (d->Is<FuncDecl>()) {
    obj->decl = d;
    return;
  }
  const GenDecl* g = d->DynAs<GenDecl>();
  if (g == nullptr) {
    obj->decl = nullptr;  // a parse that gave up: nothing to resolve
    return;
  }
  // The objects of this declaration: `obj` and those its names find.
  auto object_of = [&](const syntax::Ident* id) -> Object* {
    if (id->name_pos == obj->pos) return obj;
    Object* o = pkg_->scope->LookupLocal(id->name);
    return o != nullptr && o->decl == ld && o->pos == id->name_pos ? o : nullptr;
  };
  const syntax::ValueSpec* last_values = nullptr;
  int64_t iota = 0;
  for (const Spec* s : g->specs) {
    if (const TypeSpec* ts = s->DynAs<TypeSpec>()) {
      if (Object* o = object_of(ts->name)) o->decl = ts;
    } else if (const syntax::ValueSpec* vs = s->DynAs<syntax::ValueSpec>()) {
      const bool is_const = g->tok == Token::kConst;
      if (is_const && (vs->type != nullptr || !vs->values.empty())) last_values = vs;
      const syntax::ValueSpec* src = is_const ? last_values : vs;
      for (size_t i = 0; i < vs->names.size; ++i) {
        if (Object* o = object_of(vs->names[i])) SetValueParts(o, vs, src, i, iota);
      }
      ++iota;
    }
  }
  if (obj->decl == ld) obj->decl = nullptr;  // not among what the parse found
}

}  // namespace mw::sema
