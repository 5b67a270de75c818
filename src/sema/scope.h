// Objects and lexical scopes, as go/types models them: the universe, a
// package scope across its files, file scopes for imports, and function
// and block scopes.
#ifndef MAPWARDEN_SEMA_SCOPE_H_
#define MAPWARDEN_SEMA_SCOPE_H_

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/arena.h"
#include "sema/types.h"
#include "syntax/ast.h"

namespace mw::sema {

enum class ObjectKind : uint8_t {
  kTypeName,
  kVar,
  kConst,
  kFunc,
  kPkgName,
  kBuiltin,
  kNil,
  kLabel,  // labels have their own scope: the function body
};

struct Package;
class Scope;
struct Object;

// A name's length and first seven bytes as one word: equal words mean
// equal names when the names are seven bytes or shorter, and otherwise
// that the names are worth comparing.
uint64_t NameTag(std::string_view name);

// A named type's methods in declaration order, with their names' tags
// beside them: a selector on a type with hundreds of methods (go/types'
// Checker has about 300) compares tags, eight to a cache line, instead of
// reading each method's object (14% of the checker's cache misses).
struct MethodList {
  std::vector<Object*> objects;
  std::vector<uint64_t> tags;
  // Calls fn(method) for each method named `name`, whose NameTag is `tag`.
  template <typename Fn>
  void ForEachNamed(std::string_view name, uint64_t tag, Fn&& fn) const;
};

// An integer constant's value, when it fits in 127 bits (every typed
// integer does, and so do most untyped ones); other constants (floats,
// strings, huge integers) have types but no value here.
struct ConstValue {
  bool known = false;
  __int128 value = 0;
  int64_t str_len = -1;  // string constants: the length in bytes, when known
};

struct Object {
  ObjectKind kind = ObjectKind::kVar;
  std::string name;
  const Type* type = nullptr;  // null until resolved (or unknown)
  const syntax::Node* decl = nullptr;
  syntax::Pos pos = syntax::kNoPos;  // where the name is declared
  bool is_alias = false;             // type A = B

  // Where the declaration is resolved: the declaring package (null for the
  // universe) and the scope its expressions are read in.
  Package* pkg = nullptr;
  const Scope* scope = nullptr;
  // Package-level vars and consts, resolved on first use: the declared type
  // expression and the value expression (for `a, b = f()`, the call and
  // this name's index in its results).
  const syntax::Node* type_expr = nullptr;
  const syntax::Node* init = nullptr;
  int init_index = -1;
  int64_t iota = 0;
  ConstValue value;  // constants
  bool resolving = false;
  bool resolved = false;
  // Set, with release order, once the type (and a constant's value) is
  // final: other packages' threads then read them without the lazy mutex.
  std::atomic<bool> complete{false};
  bool is_field = false;  // a struct field (selectors)

  // Methods: the receiver's base type name and whether it is a pointer.
  bool pointer_recv = false;
  std::vector<const Type*> recv_type_params;
  // Package names: the package imported (null when it could not be loaded).
  Package* imported = nullptr;
  // Type names: the methods declared on the type (Program::MethodsOf).
  std::unique_ptr<MethodList> methods;
};

template <typename Fn>
void MethodList::ForEachNamed(std::string_view name, uint64_t tag, Fn&& fn) const {
  for (size_t i = 0; i < tags.size(); ++i) {
    if (tags[i] == tag && (name.size() <= 7 || objects[i]->name == name)) fn(objects[i]);
  }
}

class Scope {
 public:
  // `arena`: where the scope's name arrays grow (its pool's).
  Scope(const Scope* parent, Arena* arena) : parent_(parent), arena_(arena) {}
  const Scope* parent() const { return parent_; }

  // Declares `obj`; false if the name is already declared here.
  bool Insert(Object* obj);
  // Room for `n` names, so that a package's scope is not rebuilt as it
  // grows (imported packages declare thousands).
  void Reserve(size_t n);
  Object* LookupLocal(std::string_view name) const;
  // The innermost declaration of `name` visible from this scope.
  Object* Lookup(std::string_view name) const;
  // Every name declared here, in the order declared.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (uint32_t i = 0; i < size_; ++i) fn(objects_[i]);
  }

 private:
  // Block scopes hold a few names: they are searched in the array, and
  // only large scopes (packages, long functions) get an index: open
  // addressing over the names' hashes, each slot an index into objects_
  // plus one (0 is empty).
  static constexpr size_t kSmall = 8;
  static uint64_t Hash(std::string_view name);
  void Rebuild(size_t capacity = 0);  // the index, from objects_, for `capacity` names
  Object* FindSmall(std::string_view name, uint64_t tag) const;
  Object* FindIndexed(std::string_view name, uint64_t hash) const;
  // Room for `capacity` names (and their tags, while the scope is small).
  void Grow(uint32_t capacity);
  const Scope* parent_;
  // The names grow in the pool's arena, not with malloc: most block
  // scopes declare one or two (25,000 mallocs on `check --tests ./go/...`),
  // and most declare none, so the arrays are not kept inline either (that
  // took 19 MB more on all of GOROOT/src, a scope per block).
  Arena* arena_;
  Object** objects_ = nullptr;
  // NameTag of each of objects_, while the scope is small: a search
  // compares words, and reads a name only when it is longer than 7 bytes
  // and its word matches.
  uint64_t* tags_ = nullptr;
  uint32_t size_ = 0;
  uint32_t capacity_ = 0;
  std::vector<uint32_t> index_;  // empty until objects_ outgrows kSmall
};

// Owns objects and scopes; objects have stable addresses.
class ObjectPool {
 public:
  Object* New(ObjectKind kind, std::string name) {
    Object* o = &objects_.emplace_back();
    o->kind = kind;
    o->name = std::move(name);
    return o;
  }
  Scope* NewScope(const Scope* parent) { return &scopes_.emplace_back(parent, &names_); }

 private:
  StablePool<Object> objects_;
  StablePool<Scope> scopes_;
  Arena names_{4096};  // the scopes' name arrays
};

// The universe scope: predeclared types, constants, nil and builtins.
Scope* NewUniverse(ObjectPool* pool, TypeStore* types);

}  // namespace mw::sema

#endif  // MAPWARDEN_SEMA_SCOPE_H_
