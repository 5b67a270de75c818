// Objects and lexical scopes, as go/types models them: the universe, a
// package scope across its files, file scopes for imports, and function
// and block scopes.
#ifndef MAPWARDEN_SEMA_SCOPE_H_
#define MAPWARDEN_SEMA_SCOPE_H_

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sema/types.h"
#include "syntax/ast.h"

namespace mw::sema {

enum class ObjectKind : uint8_t { kTypeName, kVar, kConst, kFunc, kPkgName, kBuiltin, kNil };

struct Object {
  ObjectKind kind = ObjectKind::kVar;
  std::string name;
  const Type* type = nullptr;  // null until resolved (or unknown)
  const syntax::Node* decl = nullptr;
  syntax::Pos pos = syntax::kNoPos;  // where the name is declared
  bool is_alias = false;             // type A = B
};

class Scope {
 public:
  explicit Scope(const Scope* parent) : parent_(parent) {}
  const Scope* parent() const { return parent_; }

  // Declares `obj`; false if the name is already declared here.
  bool Insert(Object* obj);
  Object* LookupLocal(std::string_view name) const;
  // The innermost declaration of `name` visible from this scope.
  Object* Lookup(std::string_view name) const;

 private:
  const Scope* parent_;
  std::unordered_map<std::string_view, Object*> names_;
};

// Owns objects and scopes; objects have stable addresses.
class ObjectPool {
 public:
  Object* New(ObjectKind kind, std::string name) {
    objects_.emplace_back();
    Object* o = &objects_.back();
    o->kind = kind;
    o->name = std::move(name);
    return o;
  }
  Scope* NewScope(const Scope* parent) {
    scopes_.emplace_back(parent);
    return &scopes_.back();
  }

 private:
  std::deque<Object> objects_;
  std::deque<Scope> scopes_;
};

// The universe scope: predeclared types, constants, nil and builtins.
Scope* NewUniverse(ObjectPool* pool, TypeStore* types);

}  // namespace mw::sema

#endif  // MAPWARDEN_SEMA_SCOPE_H_
