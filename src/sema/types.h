// Go types, shaped like go/types: basic, named (possibly instantiated),
// pointer, slice, array, map, chan, struct, interface, signature, tuple and
// type parameter. Composite types are interned, so identical types share
// one object and compare by pointer. TypeString prints a type exactly as
// go/types' TypeString does with full import paths, which is how
// `mapwarden debug types` is compared with go/types (docs/types-dump.md).
//
// This is the first layer of the names-and-types work; scopes, resolution
// and expression typing build on it.
#ifndef MAPWARDEN_SEMA_TYPES_H_
#define MAPWARDEN_SEMA_TYPES_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "base/arena.h"
#include "base/parallel.h"

namespace mw::sema {

enum class TypeKind : uint8_t {
  kBasic,
  kNamed,
  kPointer,
  kSlice,
  kArray,
  kMap,
  kChan,
  kStruct,
  kInterface,
  kSignature,
  kTuple,
  kTypeParam,
  kUnion,  // a constraint's type terms: ~int | string
};

enum class BasicKind : uint8_t {
  kInvalid,
  kBool,
  kInt,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUint,
  kUint8,
  kUint16,
  kUint32,
  kUint64,
  kUintptr,
  kFloat32,
  kFloat64,
  kComplex64,
  kComplex128,
  kString,
  kUnsafePointer,
  kUntypedBool,
  kUntypedInt,
  kUntypedRune,
  kUntypedFloat,
  kUntypedComplex,
  kUntypedString,
  kUntypedNil,
  // The predeclared aliases byte and rune: distinct types that print under
  // their own names but are identical to uint8 and int32 (as in go/types).
  kByte,
  kRune,
};

// uint8 for byte, int32 for rune, else `k`: compare kinds through this.
inline BasicKind CanonicalBasic(BasicKind k) {
  return k == BasicKind::kByte ? BasicKind::kUint8 : k == BasicKind::kRune ? BasicKind::kInt32 : k;
}

enum class ChanDir : uint8_t { kSendRecv, kSendOnly, kRecvOnly };

struct Type;
struct Object;  // scope.h

struct Var {
  Var(std::string n = "", const Type* t = nullptr, bool e = false, std::string g = "")
      : name(std::move(n)), type(t), embedded(e), tag(std::move(g)) {}
  std::string name;  // empty for unnamed parameters
  const Type* type = nullptr;
  bool embedded = false;  // struct fields
  std::string tag;        // struct fields
};

struct Method {
  Method(std::string n, std::string p, const Type* s)
      : name(std::move(n)), pkg_path(std::move(p)), signature(s) {}
  std::string name;
  std::string pkg_path;  // for unexported names: the declaring package
  const Type* signature = nullptr;
};

struct Type {
  explicit Type(TypeKind k) : kind(k) {}
  TypeKind kind;
  BasicKind basic = BasicKind::kInvalid;  // kBasic
  std::string name;                       // kBasic, kNamed, kTypeParam
  std::string pkg_path;                   // kNamed: "" for universe types (error, comparable)
  const Type* elem = nullptr;             // pointer, slice, array, map value, chan
  const Type* key = nullptr;              // map
  int64_t len = 0;                        // array
  ChanDir dir = ChanDir::kSendRecv;
  std::vector<Var> fields;               // struct fields, tuple and signature params
  std::vector<Var> results;              // signature
  bool variadic = false;                 // signature
  bool implicit = false;                 // interface: a bare constraint term, as in [T ~int]
  std::vector<bool> tildes;              // union: which terms (embeddeds) are ~T
  std::vector<Method> methods;           // interface (sorted as go/types sorts them)
  std::vector<const Type*> embeddeds;    // interface
  const Type* underlying = nullptr;      // kNamed (set when resolved)
  const Type* origin = nullptr;          // kNamed instance: the generic type
  std::vector<const Type*> type_args;    // kNamed instance
  std::vector<const Type*> type_params;  // kNamed generic, kSignature generic
  const Type* constraint = nullptr;      // kTypeParam
  Object* type_name = nullptr;           // kNamed, not instances: its declaration

  bool IsMap() const;  // this type's underlying type is a map
  const Type* Underlying() const;
};

// Creates and interns types. Named types and type parameters are unique
// objects; everything else is interned by structure.
class TypeStore {
 public:
  TypeStore();

  const Type* Basic(BasicKind k) const { return basics_[static_cast<size_t>(k)]; }
  const Type* Pointer(const Type* elem);
  const Type* Slice(const Type* elem);
  const Type* Array(int64_t len, const Type* elem);
  const Type* Map(const Type* key, const Type* elem);
  const Type* Chan(ChanDir dir, const Type* elem);
  const Type* Struct(std::vector<Var> fields);
  const Type* Interface(std::vector<Method> methods, std::vector<const Type*> embeddeds,
                        bool implicit = false);
  const Type* Union(std::vector<const Type*> terms, std::vector<bool> tildes);
  const Type* Signature(std::vector<Var> params, std::vector<Var> results, bool variadic);
  const Type* Tuple(std::vector<Var> vars);
  // A generic function's signature: never interned, its type parameters are
  // its own.
  const Type* GenericSignature(Type sig);

  // A new named type; its underlying type is set later (declarations may be
  // recursive).
  Type* NewNamed(std::string pkg_path, std::string name);
  // Sets a named type's underlying type once it is known (for instances,
  // after substitution).
  static void SetUnderlying(const Type* named, const Type* under) {
    const_cast<Type*>(named)->underlying = under;
  }
  Type* NewTypeParam(std::string name, const Type* constraint);
  // An instance of a generic named type; its underlying type is left null
  // for the checker to substitute.
  const Type* Instance(const Type* generic, std::vector<const Type*> args);
  // The instances made so far of a generic type.
  std::vector<const Type*> InstancesOf(const Type* generic) const;

  // Held while anything shared by packages checked in parallel is filled
  // in lazily: imported declarations (their checkers are not thread-safe)
  // and generic instances. Interning takes a lock of its own.
  std::recursive_mutex& lazy_mutex() const { return lazy_mu_; }

  // The universe's predeclared types.
  const Type* Error() const { return error_; }
  const Type* Any() const { return any_; }
  const Type* EmptyInterface() const { return empty_interface_; }
  const Type* Comparable() const { return comparable_; }

 private:
  const Type* Intern(Type t);
  // Interns a pointer, slice, array, map or channel type.
  const Type* Composite(TypeKind kind, const Type* elem, const Type* key, int64_t len, ChanDir dir);

  mutable AdaptiveMutex mu_;  // guards the containers below (held briefly)
  mutable std::recursive_mutex lazy_mu_;
  StablePool<Type> types_;  // stable addresses
  std::vector<const Type*> basics_;
  // Every other interned type, by a hash of its structure.
  std::unordered_multimap<uint64_t, const Type*> interned_;
  // Pointers, slices, arrays, maps and channels, most of what is interned,
  // by their few fields, without building a byte key.
  struct CompositeKey {
    const Type* elem;
    const Type* key;
    int64_t len;
    uint8_t kind, dir;
    bool operator==(const CompositeKey&) const = default;
  };
  struct CompositeKeyHash {
    size_t operator()(const CompositeKey& k) const {
      uint64_t h = reinterpret_cast<uintptr_t>(k.elem) * 0x9E3779B97F4A7C15ull;
      h ^= reinterpret_cast<uintptr_t>(k.key) + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
      h ^= static_cast<uint64_t>(k.len) * 0xC2B2AE3D27D4EB4Full + (h << 6) + (h >> 2);
      h ^= (static_cast<uint64_t>(k.kind) << 8 | k.dir) + (h << 6) + (h >> 2);
      return static_cast<size_t>(h ^ (h >> 29));
    }
  };
  std::unordered_map<CompositeKey, const Type*, CompositeKeyHash> composites_;
  std::map<std::pair<const Type*, std::vector<const Type*>>, const Type*> instances_;
  const Type* error_ = nullptr;
  const Type* any_ = nullptr;
  const Type* empty_interface_ = nullptr;
  const Type* comparable_ = nullptr;
};

// go/types' TypeString with full package paths.
std::string TypeString(const Type* t, const TypeStore& store);

const char* BasicName(BasicKind k);

}  // namespace mw::sema

#endif  // MAPWARDEN_SEMA_TYPES_H_
