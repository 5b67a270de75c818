// Name resolution for one package: package, file and block scopes; the
// type of every type expression the package spells out; and, so far, the
// identifier uses that denote types. Imported packages are not loaded yet,
// so types from other packages stay unknown and are never guessed.
#ifndef MAPWARDEN_SEMA_RESOLVE_H_
#define MAPWARDEN_SEMA_RESOLVE_H_

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sema/scope.h"
#include "sema/types.h"
#include "syntax/parser.h"

namespace mw::sema {

struct TypeUse {
  syntax::Pos pos = syntax::kNoPos;
  const Type* type = nullptr;
};

class PackageResolver {
 public:
  PackageResolver(TypeStore* types, std::string pkg_path);

  void Resolve(const std::vector<const syntax::ParsedFile*>& files);

  // Per file (in the order given): identifier uses denoting a type whose
  // type is known, in source order.
  const std::vector<std::vector<TypeUse>>& type_uses() const { return type_uses_; }

 private:
  void ResolveOnThisStack(const std::vector<const syntax::ParsedFile*>& files);
  void Collect(const syntax::File* f, Scope* file_scope);
  const Type* TypeOf(const syntax::Node* e, const Scope* scope);
  const Type* NamedOf(Object* obj);
  const Type* FuncTypeOf(const syntax::FuncType* f, const Scope* scope);
  std::vector<const Type*> DeclareTypeParams(const syntax::FieldList* tparams, Scope* scope);

  void Walk(const syntax::Node* n, Scope* scope);
  void WalkFuncType(const syntax::FuncType* f, Scope* scope, bool declare);
  void WalkFieldTypes(const syntax::FieldList* l, Scope* scope);
  void Declare(const syntax::Ident* id, ObjectKind kind, Scope* scope);
  void Use(const syntax::Ident* id, const Scope* scope);

  TypeStore* types_;
  std::string pkg_path_;
  ObjectPool pool_;
  Scope* universe_;
  Scope* package_;
  std::vector<std::vector<TypeUse>> type_uses_;
  std::vector<TypeUse>* current_ = nullptr;
  std::unordered_map<const Object*, const Scope*> decl_scopes_;  // declared type names
  std::unordered_set<const Object*> resolving_;                  // aliases being resolved
};

// Resolves one package and appends its type-name uses in typesdump's
// format (docs/types-dump.md): "FILE:LINE:COL ident type TYPE\n".
void DumpTypeUses(const std::vector<const syntax::ParsedFile*>& files, const std::string& pkg_path,
                  std::string* out);

}  // namespace mw::sema

#endif  // MAPWARDEN_SEMA_RESOLVE_H_
